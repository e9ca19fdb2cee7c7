import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { ADMIN, startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

// Client input that once answered HTTP 500: each class now gets a 4xx and a stable code, on the
// gateway and on every subgraph.
let graph: Graph;
let production: RunningGateway;
let token: string;

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  await loadFixture(graph);
  token = await graph.token(ADMIN);
  production = await startGateway(
    {
      ...graph.identity,
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: graph.gatewayDeps.subgraphUrls,
      production: true,
      log: () => undefined,
    },
    { port: 0 },
  );
});
afterAll(async () => {
  await production?.stop();
  await graph?.stop();
});

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as any };
}

/** Sends raw bytes and returns the status line's code: for requests `fetch` will not send. */
function rawStatus(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('input that used to answer 500', () => {
  it('variables nested 200,000 levels deep: 400 BAD_REQUEST, on the gateway and every subgraph', async () => {
    const body = `{"query":"query ($f: ProgramFilter) { programs(filter: $f) { totalCount } }","variables":{"f":${nested(200_000)}}}`;
    for (const url of [
      graph.gateway.url,
      graph.volunteers.url,
      graph.programs.url,
      graph.indicators.url,
    ]) {
      const answer = await post(url, body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('an absolute-form request target with a bad port: 400, on the gateway and every subgraph', async () => {
    for (const url of [
      graph.gateway.url,
      graph.volunteers.url,
      graph.programs.url,
      graph.indicators.url,
    ]) {
      const status = await rawStatus(
        url,
        'POST http://x:99999/graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      );
      expect(status).toBe(400);
    }
  });

  it.each([
    [
      'several operations and no operationName',
      { query: 'query A { agencies { code } } query B { agencies { code } }' },
    ],
    [
      'an operationName the document does not define',
      { query: 'query A { agencies { code } }', operationName: 'B' },
    ],
  ])('%s: 400 OPERATION_RESOLUTION_FAILURE', async (_, request) => {
    const answer = await post(graph.gateway.url, JSON.stringify(request));
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: any) => error.extensions.code)).toEqual([
      'OPERATION_RESOLUTION_FAILURE',
    ]);
  });

  it.each([
    [
      'a variable',
      {
        query:
          'mutation ($input: UpdateVolunteerInput!) { updateVolunteer(id: "V-0000001", input: $input) { id } }',
        variables: { input: { city: 'Riyadh\u0000' } },
      },
      'variables.input.city',
    ],
    [
      'a literal',
      {
        query:
          'mutation { updateVolunteer(id: "V-0000001", input: { city: "Riyadh\\u0000" }) { id } }',
      },
      undefined,
    ],
  ])('a NUL in %s: 400 BAD_USER_INPUT, nothing written', async (_, request, field) => {
    const answer = await post(graph.gateway.url, JSON.stringify(request));
    expect(answer.status).toBe(400);
    expect(
      answer.body.errors.map((error: any) => [error.extensions.code, error.extensions.field]),
    ).toEqual([['BAD_USER_INPUT', field]]);
    const city = await graph.volunteers.db.prisma.volunteer.findUnique({
      where: { id: 'V-0000001' },
    });
    expect(city?.city).not.toContain('\u0000');
  });

  it('a NUL sent straight to a subgraph is refused there too', async () => {
    // The subgraph defends itself: this request has no caller token, so 401 comes first;
    // past authentication the same plugin refuses it (see the kit's own tests).
    const answer = await post(
      graph.volunteers.url,
      JSON.stringify({ query: '{ skill(code: "\\u0000") { code } }' }),
    );
    expect(answer.status).toBe(401);
  });
});

describe('what production says', () => {
  it('suggests no names in a variable coercion error', async () => {
    const answer = await post(
      production.url,
      JSON.stringify({
        query: 'query ($s: ProgramStatus) { programs(filter: { status: $s }) { totalCount } }',
        variables: { s: 'OPN' },
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.body.errors[0].message).not.toMatch(/Did you mean|OPEN/);
  });

  it('omits errors, rather than answering errors: [], when a refused field sits under a null parent', async () => {
    const answer = await post(
      graph.gateway.url,
      JSON.stringify({ query: '{ program(id: "SCD-99999") { id teamLeads { id } } }' }),
      { authorization: '' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { program: null } });
  });
});
