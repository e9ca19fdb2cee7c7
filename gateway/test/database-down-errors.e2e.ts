import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VOLUNTEERS_DIR } from '../../subgraphs/volunteers/src/server.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { startOwnPostgres, type OwnPostgres } from './support/ownPostgres.ts';
import { ADMIN, startGraph, type Graph } from './support/startGraph.ts';

// The volunteers subgraph's own PostgreSQL, stopped for real: what reaches a client.
let own: OwnPostgres;
let graph: Graph;
let gateway: RunningGateway;

beforeAll(async () => {
  own = await startOwnPostgres();
  const url = await own.database('volunteers', path.join(VOLUNTEERS_DIR, 'prisma', 'migrations'));
  graph = await startGraph({ databaseUrls: { volunteers: url }, audit: false });
  gateway = await startGateway({ ...graph.gatewayDeps, production: true }, { port: 0 });
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
  await own?.stop();
});

it("a subgraph's dead database reaches a production client as an error at the path naming the subgraph, without the ORM call, file paths or hosts", async () => {
  const query = '{ agencies { code } volunteer(id: "V-0000001") { id region { code } } }';
  const ask = async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await graph.token(ADMIN)}`,
      },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  expect((await ask()).body.errors).toBeUndefined();
  await own.server.stop();
  const { status, body } = await ask();
  // Partial data over GraphQL over HTTP: 200, the other subgraph's part answered.
  expect(status).toBe(200);
  expect(body.data.agencies.length).toBeGreaterThan(0);
  expect(body.data.volunteer).toBeNull();
  expect(body.errors).toEqual([
    {
      message: 'Internal server error',
      path: ['volunteer'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'volunteers' },
    },
  ]);
  const text = JSON.stringify(body);
  for (const leak of [
    /prisma/i,
    /invocation/i,
    /\.ts\b/,
    /\/work\//,
    /127\.0\.0\.1/,
    /ECONNREFUSED/,
    /stack/i,
  ])
    expect(text).not.toMatch(leak);
}, 60_000);
