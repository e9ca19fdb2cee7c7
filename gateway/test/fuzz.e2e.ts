import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLER_HEADER,
  callerAudience,
  requestDigest,
  signCallerToken,
  type Caller,
} from '@sahem/kit';
import { createRandom, type Random } from '../../scripts/seed/createRandom.ts';
import { loadFixture } from './support/fixture.ts';
import { ADMIN, startGraph, type Graph } from './support/startGraph.ts';

// A bounded, seeded fuzz run: thousands of hostile requests against the gateway and against
// each subgraph directly, over real sockets. Whatever arrives, nothing answers 5xx, nothing
// crashes, the audit trail keeps writing and memory stays bounded. FUZZ_SEED replays a run.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PER_TARGET = { gateway: 3_000, volunteers: 700, programs: 700, indicators: 700 };
const CONCURRENCY = 8;

let graph: Graph;
let adminToken: string;

beforeAll(async () => {
  // A load test, so that the fuzz reaches the pipeline rather than the rate limiter.
  graph = await startGraph({ audit: { flushIntervalMs: 50 }, loadTest: true });
  await loadFixture(graph);
  adminToken = await graph.token(ADMIN);
}, 120_000);
afterAll(async () => {
  await graph?.stop();
});

type Target = keyof typeof PER_TARGET;

/** One request as bytes on the wire (so malformed HTTP can be sent too). */
interface Attempt {
  kind: string;
  raw: string;
}

// A complete request is written and the connection left open for the answer, as clients do (a
// half-closed connection makes Node abort the request unanswered); a malformed one is followed
// by the end of the stream, so the server sees it is all there will be.
const halfClose = (kind: string) => kind === 'malformed-http';

const CONTROL = ['\u0000', '\u0001', '\u001b[31m', '\r\n', '\u2028', '\ud800', '\u202e', '\u007f'];
const FIELDS = [
  'agencies { code name { ar en } }',
  'programs(first: 5) { totalCount edges { node { id title { en } agency { code } } } }',
  'program(id: "SCD-00001") { id teamLeads { id } participations(first: 3) { totalCount } }',
  'volunteer(id: "V-0000001") { id fullName city participations { id } economicValue { sar } }',
  'volunteers(first: 3) { edges { node { id fullName } } }',
  'nationalPeriod(period: "2026") { activeVolunteers scorecard { entries { value status } } }',
  'indicators { code targets { value } }',
  'targets(first: 3) { value indicator { code } }',
  'valuationTables { version rates { hourlyWageSar } }',
];

function junkString(random: Random): string {
  const parts: string[] = [];
  for (let i = random.int(0, 6); i > 0; i--) {
    parts.push(
      random.pick([
        random.pick(CONTROL),
        'x'.repeat(random.int(1, 40)),
        '"',
        '\\',
        '{',
        '}',
        'نورة',
        '%00',
        '${jndi}',
        "' OR 1=1 --",
      ]),
    );
  }
  return parts.join('');
}

function junkValue(random: Random, depth = 0): unknown {
  switch (random.int(0, 9)) {
    case 0:
      return junkString(random);
    case 1:
      return random.pick([0, -1, 1e308, -1e308, 2 ** 53, 0.1, 1e12, Number.MAX_SAFE_INTEGER]);
    case 2:
      return random.pick([true, false, null]);
    case 3:
      return depth < 4
        ? Array.from({ length: random.int(0, 5) }, () => junkValue(random, depth + 1))
        : [];
    case 4:
      return depth < 4
        ? Object.fromEntries(
            Array.from({ length: random.int(0, 5) }, () => [
              junkString(random),
              junkValue(random, depth + 1),
            ]),
          )
        : {};
    case 5:
      return 'x'.repeat(random.int(1_000, 200_000));
    case 6:
      return random.pick(['SCD-00001', 'V-0000001', '2026', '2026-Q3', 'SA-01', '2221', 'OPEN']);
    case 7: {
      // Nested lists, deeper than any input type.
      let value: unknown = [];
      for (let i = random.int(50, 2_000); i > 0; i--) value = [value];
      return value;
    }
    default:
      return { first: random.pick([-1, 0, 101, 1e9, '20', null]) };
  }
}

function document(random: Random): string {
  switch (random.int(0, 11)) {
    case 0: {
      // A fragment bomb: each fragment spreads the next one twice.
      const levels = random.int(5, 40);
      const fragments = Array.from(
        { length: levels },
        (_, i) => `fragment L${i} on Program { id ...L${i + 1} ...L${i + 1} }`,
      );
      return `{ program(id: "SCD-00001") { ...L0 } } ${fragments.join(' ')} fragment L${levels} on Program { id teamLeads { id } }`;
    }
    case 1:
      // An alias bomb.
      return `{ ${Array.from({ length: random.int(20, 400) }, (_, i) => `a${i}: agencies { code }`).join(' ')} }`;
    case 2: {
      // A list bomb: nested lists, each as large as the API allows.
      const inner =
        'targets(first: 500) { indicator { targets(first: 500) { indicator { targets(first: 500) { value } } } } }';
      return `{ ${Array.from({ length: random.int(1, 8) }, (_, i) => `t${i}: ${inner}`).join(' ')} }`;
    }
    case 3: {
      // Deep selection nesting.
      const depth = random.int(10, 300);
      return `{ program(id: "SCD-00001") ${'{ agency '.repeat(depth)}{ code }${' }'.repeat(depth)} }`;
    }
    case 4:
      // A directive bomb.
      return `{ agencies ${'@include(if: true) '.repeat(random.int(10, 500))} { code } }`;
    case 5:
      return `query ${junkString(random)} { agencies { code } }`;
    case 6:
      return `{ program(id: "${junkString(random).replace(/["\\]/g, '')}") { id } }`;
    case 7:
      return 'query A { agencies { code } } query B { agencies { code } }';
    case 8:
      return `mutation { updateVolunteer(id: "V-0000001", input: { city: ${JSON.stringify(junkString(random))} }) { id } }`;
    case 9:
      return `{ ${random.pick(FIELDS)} ${random.chance(0.5) ? random.pick(FIELDS) : ''} }`;
    case 10:
      return junkString(random);
    default:
      return `query Q($a: ${random.pick(['Int', 'String!', 'ProgramFilter', '[ID!]!', 'UpdateVolunteerInput!'])}) { programs(first: $a) { totalCount } }`;
  }
}

/** A JSON body the way a client would send one, or something that only looks like one. */
function body(random: Random): string {
  const request: Record<string, unknown> = { query: document(random) };
  if (random.chance(0.4))
    request.variables = random.chance(0.5) ? { a: junkValue(random) } : junkValue(random);
  if (random.chance(0.2))
    request.operationName = random.pick([junkString(random), 'A', 'B', 42, null]);
  if (random.chance(0.15)) {
    request.extensions = {
      persistedQuery: {
        version: random.pick([1, 2, 0, '1', null]),
        sha256Hash: random.pick(['0'.repeat(64), junkString(random), 'ab', 12]),
      },
    };
  }
  const text = JSON.stringify(request);
  switch (random.int(0, 9)) {
    case 0:
      return text.slice(0, random.int(0, text.length));
    case 1:
      return random.pick([
        '[]',
        '"x"',
        'null',
        '42',
        '{}',
        '[{"query":"{ agencies { code } }"}]',
        '',
      ]);
    case 2:
      return `{"query":"{ agencies { code } }","variables":${'['.repeat(random.int(100, 100_000))}${']'.repeat(random.int(0, 100))}}`;
    default:
      return text;
  }
}

/** Headers a request may carry on its way to `target`, valid or hostile. */
async function headers(random: Random, target: Target, payload: string): Promise<string[]> {
  const lines = [
    `content-type: ${random.chance(0.9) ? 'application/json' : random.pick(['text/plain', 'application/x-www-form-urlencoded', ''])}`,
  ];
  if (target === 'gateway') {
    const auth = random.int(0, 5);
    if (auth === 0) lines.push(`authorization: Bearer ${adminToken}`);
    if (auth === 1) lines.push(`authorization: Bearer ${adminToken.slice(0, -3)}abc`);
    if (auth === 2) lines.push(`authorization: ${junkString(random).replace(/[\r\n]/g, '')}`);
  } else if (random.chance(0.6)) {
    // What an insider with the gateway's key could send: the subgraph's own checks come next.
    const caller: Caller = random.pick([
      {
        subject: 'admin',
        role: 'platform_admin',
        scopes: ['pii:read', 'volunteers:admin', 'volunteers:search', 'aggregates:read'],
        agency: null,
        volunteerId: null,
      },
      { subject: null, role: 'anonymous', scopes: [], agency: null, volunteerId: null },
    ]);
    const token = await signCallerToken(caller, graph.keys.gateway, {
      audience: callerAudience(random.chance(0.9) ? target : 'indicators'),
      digest: requestDigest(random.chance(0.9) ? payload : 'other'),
    });
    lines.push(`${CALLER_HEADER}: ${token}`);
  }
  if (random.chance(0.3))
    lines.push(
      `x-request-id: ${random.pick(['fuzz-ok', junkString(random).replace(/[\r\n]/g, ''), 'x'.repeat(300)])}`,
    );
  if (random.chance(0.1)) lines.push('apollo-require-preflight: true');
  return lines;
}

async function attempt(random: Random, target: Target, url: URL): Promise<Attempt> {
  const kind = random.int(0, 19);
  const host = `Host: ${url.host}`;
  if (kind === 0) {
    // Malformed HTTP: Node's parser and our router must answer, never crash.
    return {
      kind: 'malformed-http',
      raw: random.pick([
        `GARBAGE\r\n\r\n`,
        `POST http://x:99999/graphql HTTP/1.1\r\n${host}\r\nContent-Length: 2\r\n\r\n{}`,
        `POST /graphql HTTP/1.1\r\n${host}\r\nContent-Length: 100\r\n\r\n{}`,
        `POST /graphql HTTP/1.1\r\n${host}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
        `GET /graphql?query=${encodeURIComponent('{ agencies { code } }')}&variables=${'%5B'.repeat(3000)} HTTP/1.1\r\n${host}\r\napollo-require-preflight: true\r\n\r\n`,
        `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n\r\n`,
        `POST /graphql HTTP/1.1\r\n${host}\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
        `POST /graphql HTTP/1.1\r\n${host}\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n${'{'.repeat(2 * 1024 * 1024)}`,
        `OPTIONS /graphql HTTP/1.1\r\n${host}\r\n\r\n`,
        `DELETE /graphql HTTP/1.1\r\n${host}\r\n\r\n`,
        `GET /health\u0000 HTTP/1.1\r\n${host}\r\n\r\n`,
      ]),
    };
  }
  if (kind === 1) {
    const query = percentEncode(document(random));
    const extra = random.chance(0.5)
      ? `&variables=${percentEncode(JSON.stringify(junkValue(random)) ?? 'null')}`
      : '';
    const lines = await headers(random, target, `${url.pathname}?query=${query}${extra}`);
    return {
      kind: 'get',
      raw: `GET ${url.pathname}?query=${query}${extra} HTTP/1.1\r\n${host}\r\napollo-require-preflight: true\r\n${lines.join('\r\n')}\r\n\r\n`,
    };
  }
  const payload = body(random);
  const lines = await headers(random, target, payload);
  const length = Buffer.byteLength(payload);
  return {
    kind: 'post',
    raw: `POST ${url.pathname} HTTP/1.1\r\n${host}\r\n${lines.join('\r\n')}\r\nContent-Length: ${length}\r\n\r\n${payload}`,
  };
}

/** Percent-encodes every byte of `text`'s UTF-8 (lone surrogates included, as U+FFFD). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('');
}

/** Sends raw bytes on a fresh connection and reads the status code; 0 when none came. */
function send(url: URL, raw: string, end: boolean): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0));
    };
    socket.setTimeout(15_000, done);
    socket.on('connect', () => {
      const request = raw.replace(/HTTP\/1\.1\r\n/, 'HTTP/1.1\r\nConnection: close\r\n');
      if (end) socket.end(request);
      else socket.write(request);
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', done);
    socket.on('error', done);
  });
}

describe('fuzzing the gateway and every subgraph', () => {
  it(`answers ${Object.values(PER_TARGET).reduce((a, b) => a + b)} hostile requests without a 5xx, a crash, a stalled audit trail or unbounded memory`, async () => {
    const histogram: Record<string, Record<string, number>> = {};
    const serverErrors: { target: Target; kind: string; status: number; raw: string }[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    for (const [target, count] of Object.entries(PER_TARGET) as [Target, number][]) {
      const url = new URL(target === 'gateway' ? graph.gateway.url : graph[target].url);
      const random = createRandom(SEED, Object.keys(PER_TARGET).indexOf(target));
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next += 1;
          const { kind, raw } = await attempt(random, target, url);
          const status = await send(url, raw, halfClose(kind));
          const bucket = (histogram[target] ??= {});
          const key = status === 0 ? 'no answer' : String(status);
          bucket[key] = (bucket[key] ?? 0) + 1;
          if (status >= 500) serverErrors.push({ target, kind, status, raw: raw.slice(0, 600) });
          heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }
    console.log(`fuzz seed ${SEED}: status histogram ${JSON.stringify(histogram)}`);
    console.log(
      `fuzz heap: before ${(heapBefore / 2 ** 20).toFixed(0)} MiB, peak ${(heapPeak / 2 ** 20).toFixed(0)} MiB`,
    );

    expect(serverErrors).toEqual([]);
    // Every service is still up and answering.
    for (const service of [
      graph.gateway.http,
      graph.volunteers.http,
      graph.programs.http,
      graph.indicators.http,
    ]) {
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
    }
    // The trail kept writing: a request made now is in it.
    const after = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'fuzz-after' },
      body: JSON.stringify({ query: '{ agencies { code } }' }),
    });
    expect(after.status).toBe(200);
    await graph.audit.log!.flush();
    const sql = new pg.Client({ connectionString: graph.audit.databaseUrl });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        "SELECT count(*)::int AS n, count(*) FILTER (WHERE request_id = 'fuzz-after')::int AS marker FROM audit_log",
      );
      expect(rows[0].marker).toBe(1);
      expect(rows[0].n).toBeGreaterThan(PER_TARGET.gateway / 4);
    } finally {
      await sql.end();
    }
    expect(graph.audit.log!.healthy).toBe(true);
    // Bounded: the heap peak stays far from what one expanded bomb or unbounded list costs.
    expect(heapPeak - heapBefore).toBeLessThan(512 * 2 ** 20);
  }, 600_000);
});
