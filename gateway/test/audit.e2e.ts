import { createHash } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLogOptions } from '../src/audit/createAuditLog.ts';
import type { DemoIdentity } from '../src/auth/demoTokens.ts';
import type { GatewayLimits } from '../src/limits/GatewayLimits.ts';
import { startGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { ADMIN, startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let graph: Graph;
let sql: pg.Client;

beforeAll(async () => {
  graph = await startGraph();
  await loadFixture(graph);
  sql = new pg.Client({ connectionString: graph.audit.databaseUrl });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await graph?.stop();
});

/** A gateway of its own over the graph's subgraphs, auditing into the graph's gateway database. */
async function auditedGateway(
  options: Omit<AuditLogOptions, 'databaseUrl'> = {},
  limits?: GatewayLimits,
) {
  const audit = createAuditLog({ databaseUrl: graph.audit.databaseUrl, ...options });
  const gateway = await startGateway(
    {
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: graph.gatewayDeps.subgraphUrls,
      production: false,
      log: () => undefined,
      ...graph.identity,
      audit,
      ...(limits && { limits }),
    },
    { port: 0 },
  );
  const post = async (
    query: string,
    requestId: string,
    who?: DemoIdentity,
    extra: Record<string, string> = {},
  ) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(who && { authorization: `Bearer ${await graph.token(who)}` }),
        ...extra,
      },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return { gateway, audit, post };
}

/** The audit rows of the requests whose id starts with `prefix`, in request-id order. */
async function rowsOf(prefix: string) {
  const { rows } = await sql.query(
    `SELECT * FROM audit_log WHERE request_id LIKE $1 || '%' ORDER BY request_id`,
    [prefix],
  );
  return rows;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const PROGRAM = /* GraphQL */ `
  query Program {
    program(id: "SCD-00001") {
      id
      title {
        en
      }
      agency {
        code
      }
    }
  }
`;
const DEPLOYABLE = /* GraphQL */ `
  query Deployable {
    volunteers(filter: { regionCode: "SA-01", skillCode: "2221" }, first: 10) {
      edges {
        node {
          id
          participations {
            program {
              id
            }
          }
        }
      }
    }
  }
`;

const CALLERS = [
  {
    who: ADMIN,
    query: DEPLOYABLE,
    expected: {
      subject: 'admin-e2e',
      role: 'platform_admin',
      agency: null,
      operation_name: 'Deployable',
      operation_hash: sha256(DEPLOYABLE),
      subgraphs: ['programs', 'volunteers'],
      agencies_returned: ['SCD', 'SRCA'],
    },
  },
  {
    who: { role: 'agency_officer', subject: 'SCD-officer-01', agency: 'SCD' },
    query: PROGRAM,
    expected: {
      subject: 'SCD-officer-01',
      role: 'agency_officer',
      agency: 'SCD',
      operation_name: 'Program',
      operation_hash: sha256(PROGRAM),
      subgraphs: ['programs'],
      agencies_returned: ['SCD'],
    },
  },
  {
    who: { role: 'volunteer', subject: 'V-0000001' },
    query: PROGRAM,
    expected: {
      subject: 'V-0000001',
      role: 'volunteer',
      agency: null,
      operation_name: 'Program',
      operation_hash: sha256(PROGRAM),
      subgraphs: ['programs'],
      agencies_returned: ['SCD'],
    },
  },
  {
    who: undefined,
    query: PROGRAM,
    expected: {
      subject: null,
      role: 'anonymous',
      agency: null,
      operation_name: 'Program',
      operation_hash: sha256(PROGRAM),
      subgraphs: ['programs'],
      agencies_returned: ['SCD'],
    },
  },
] satisfies { who: DemoIdentity | undefined; query: string; expected: object }[];

describe('the audit trail, through the gateway', () => {
  it('records each of 50 concurrent operations once, all written by the time the gateway has stopped', async () => {
    // Nothing is written before stop(): the interval is long and a batch is never full.
    const { gateway, audit, post } = await auditedGateway({
      flushIntervalMs: 60_000,
      batchSize: 1_000,
    });
    const started = new Date();
    const sent = Array.from({ length: 50 }, (_, i) => ({
      id: `many-${String(i).padStart(2, '0')}`,
      ...CALLERS[i % CALLERS.length]!,
    }));
    const answers = await Promise.all(sent.map((r) => post(r.query, r.id, r.who)));
    expect(answers.map((answer) => answer.body.errors)).toEqual(sent.map(() => undefined));
    expect(audit.pending).toBe(50);
    expect(await rowsOf('many-')).toEqual([]);

    await gateway.stop();

    const rows = await rowsOf('many-');
    expect(rows).toHaveLength(50);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({
        request_id: sent[i]!.id,
        ...sent[i]!.expected,
        operation_type: 'query',
        ok: true,
        error_codes: [],
        http_status: 200,
        client_ip: '127.0.0.1',
      });
      expect(row.occurred_at.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1);
      expect(row.duration_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('records refused operations with their error codes and HTTP status', async () => {
    const { gateway, post } = await auditedGateway();
    const parse = '{ agencies { code }';
    const invalid = 'query Nope { nope }';
    const partly = 'query TeamLeads { program(id: "SCD-00001") { id teamLeads { role } } }';
    const mutation =
      'mutation Create($input: CreateProgramInput!) { createProgram(input: $input) { id } }';
    const volunteer: DemoIdentity = { role: 'volunteer', subject: 'V-0000002' };
    const answers = [
      await post(parse, 'refused-1', volunteer),
      await post(invalid, 'refused-2', volunteer),
      await post(partly, 'refused-3'),
      await post(mutation, 'refused-4', volunteer),
      await post(PROGRAM, 'refused-5', undefined, { authorization: 'Bearer not.a.token' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 200, 403, 401]);
    await gateway.stop();

    const common = { ok: false, subgraphs: [], agencies_returned: [] };
    expect(await rowsOf('refused-')).toMatchObject([
      {
        ...common,
        subject: 'V-0000002',
        role: 'volunteer',
        operation_name: null,
        operation_type: null,
        operation_hash: sha256(parse),
        error_codes: ['GRAPHQL_PARSE_FAILED'],
        http_status: 400,
      },
      {
        ...common,
        subject: 'V-0000002',
        operation_name: 'Nope',
        operation_type: 'query',
        operation_hash: sha256(invalid),
        error_codes: ['GRAPHQL_VALIDATION_FAILED'],
        http_status: 400,
      },
      {
        // Answered in part: the refused field is null, the rest was fetched.
        subject: null,
        role: 'anonymous',
        operation_name: 'TeamLeads',
        operation_type: 'query',
        operation_hash: sha256(partly),
        ok: false,
        error_codes: ['FORBIDDEN'],
        subgraphs: ['programs'],
        http_status: 200,
      },
      {
        ...common,
        subject: 'V-0000002',
        operation_name: 'Create',
        operation_type: 'mutation',
        error_codes: ['FORBIDDEN'],
        http_status: 403,
      },
      {
        // A token that does not verify: nobody is identified, the request is still recorded.
        ...common,
        subject: null,
        role: 'anonymous',
        error_codes: ['UNAUTHENTICATED'],
        http_status: 401,
        client_ip: '127.0.0.1',
      },
    ]);
  });

  it('records a rate-limited request, refused before its operation was read', async () => {
    const { gateway, post } = await auditedGateway(
      {},
      { anonymousRateLimitPerMinute: 1, rateLimitPerMinute: 1 },
    );
    const officer = { role: 'agency_officer', subject: 'SCD-officer-09', agency: 'SCD' } as const;
    const answers = [
      await post(PROGRAM, 'limited-1'),
      await post(PROGRAM, 'limited-2'),
      await post(PROGRAM, 'limited-3', officer),
      await post(PROGRAM, 'limited-4', officer),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 429, 200, 429]);
    await gateway.stop();
    expect(await rowsOf('limited-')).toMatchObject([
      { ok: true, operation_name: 'Program', http_status: 200 },
      {
        ok: false,
        role: 'anonymous',
        operation_name: null,
        error_codes: ['RATE_LIMITED'],
        http_status: 429,
        client_ip: '127.0.0.1',
      },
      { ok: true, subject: 'SCD-officer-09', http_status: 200 },
      // The caller is known by the time the rate limit refuses: the trail says who it was.
      {
        ok: false,
        subject: 'SCD-officer-09',
        role: 'agency_officer',
        agency: 'SCD',
        operation_name: null,
        error_codes: ['RATE_LIMITED'],
        http_status: 429,
      },
    ]);
  });

  it('sheds new operations while the database is stuck, never hangs one, and records every answer', async () => {
    const { gateway, audit, post } = await auditedGateway({ maxQueue: 2, batchSize: 1 });
    const blocker = new pg.Client({ connectionString: graph.audit.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE');
    // Every request is answered while the table is still locked: none waits for the trail.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(PROGRAM, `stuck-${String(i).padStart(2, '0')}`)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(7);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    const shed = answers.find((answer) => answer.status === 503)!;
    expect(shed.body.errors[0].extensions).toMatchObject({
      code: 'AUDIT_UNAVAILABLE',
      retryAfterSeconds: 5,
    });
    expect(shed.body.data).toBeUndefined();
    const ready = await fetch(gateway.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ audit: 'unavailable' });
    await blocker.query('COMMIT');
    await blocker.end();
    await audit.flush();
    // Once the trail has caught up, operations run again.
    expect((await post(PROGRAM, 'stuck-after')).status).toBe(200);
    await gateway.stop();
    // Shed requests are in the trail too, with their code: an auditor sees the refusals.
    const rows = await rowsOf('stuck-');
    expect(rows).toHaveLength(11);
    expect(rows.filter((row) => row.error_codes.includes('AUDIT_UNAVAILABLE')).length).toBe(
      statuses.filter((status) => status === 503).length,
    );
  });

  it('writes a NUL sent as operation name or persisted-query hash, escaped, and every record after it', async () => {
    const { gateway, post } = await auditedGateway();
    const poisoned = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'nul-1' },
      body: JSON.stringify({ query: PROGRAM, operationName: 'Program\u0000' }),
    });
    expect(poisoned.status).toBeLessThan(500);
    const hash = `${'a'.repeat(10)}\u0000`;
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const byGet = await fetch(`${gateway.url}?extensions=${encodeURIComponent(extensions)}`, {
      headers: { 'x-request-id': 'nul-2', 'apollo-require-preflight': 'true' },
    });
    expect(byGet.status).toBeLessThan(500);
    for (let i = 3; i <= 5; i++) expect((await post(PROGRAM, `nul-${i}`)).status).toBe(200);
    await gateway.stop();
    const rows = await rowsOf('nul-');
    expect(rows.map((row) => row.request_id)).toEqual([
      'nul-1',
      'nul-2',
      'nul-3',
      'nul-4',
      'nul-5',
    ]);
    expect(rows[0].operation_name).toBe('Program\\u0000');
    // A hash that is not one is refused before Apollo Server reads the request, and recorded.
    expect(rows[1]).toMatchObject({
      operation_hash: null,
      error_codes: ['PERSISTED_QUERY_ID_INVALID'],
    });
  });

  it('stopping while requests are in flight: every answered request is in the trail', async () => {
    const { gateway } = await auditedGateway({ flushIntervalMs: 60_000 });
    const authorization = `Bearer ${await graph.token(ADMIN)}`;
    let stopping: Promise<void> | undefined;
    const ids = Array.from({ length: 40 }, (_, i) => `inflight-${String(i).padStart(2, '0')}`);
    const attempts = await Promise.allSettled(
      ids.map((id) =>
        postOnce(gateway.url, DEPLOYABLE, { authorization, 'x-request-id': id }).finally(() => {
          // The first answer stops the gateway while the others are still being served.
          stopping ??= gateway.stop();
        }),
      ),
    );
    await stopping;
    const answered = ids.filter((_, i) => {
      const attempt = attempts[i]!;
      return attempt.status === 'fulfilled' && attempt.value === 200;
    });
    expect(answered.length).toBeGreaterThan(0);
    const recorded = (await rowsOf('inflight-')).map((row) => row.request_id);
    expect(recorded).toEqual(expect.arrayContaining(answered));
  });
});

/**
 * One request on a connection of its own, closed after the answer. A keep-alive connection
 * that turns idle after the server began to close would hold `close()` until its timeout.
 */
function postOnce(url: string, query: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });
}
