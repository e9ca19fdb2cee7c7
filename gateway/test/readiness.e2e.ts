import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOLUNTEERS_DIR } from '../../subgraphs/volunteers/src/server.ts';
import { startGateway } from '../src/startGateway.ts';
import { startOwnPostgres, type OwnPostgres } from './support/ownPostgres.ts';
import { startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let own: OwnPostgres;
let graph: Graph;
let dir: string;

beforeAll(async () => {
  own = await startOwnPostgres();
  const url = await own.database('volunteers', path.join(VOLUNTEERS_DIR, 'prisma', 'migrations'));
  graph = await startGraph({ databaseUrls: { volunteers: url }, audit: false });
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-ready-'));
});
afterAll(async () => {
  await graph?.stop();
  await own?.stop();
  await rm(dir, { recursive: true, force: true });
});

const readyOf = async (base: string) => {
  const started = Date.now();
  const response = await fetch(`${base}/ready`);
  return {
    status: response.status,
    body: (await response.json()) as any,
    ms: Date.now() - started,
  };
};

describe("a subgraph's /ready", () => {
  it('is 200 while its database answers, 503 within its bound while the database is frozen', async () => {
    expect(await readyOf(graph.volunteers.http.url)).toMatchObject({
      status: 200,
      body: { status: 'ready', subgraph: 'volunteers', database: 'ok' },
    });
    await own.freeze();
    try {
      for (let i = 0; i < 3; i++) {
        const ready = await readyOf(graph.volunteers.http.url);
        expect(ready).toMatchObject({ status: 503, body: { database: 'timeout' } });
        expect(ready.ms).toBeLessThan(2_500);
      }
      // /health says only that the process lives.
      expect((await fetch(`${graph.volunteers.http.url}/health`)).status).toBe(200);
    } finally {
      await own.thaw();
    }
    // The probe's connection comes back with the database.
    await expect
      .poll(async () => (await readyOf(graph.volunteers.http.url)).status, { timeout: 5_000 })
      .toBe(200);
  });

  it('is 503 within seconds of its database dying', async () => {
    await own.server.stop();
    const ready = await readyOf(graph.volunteers.http.url);
    expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable' } });
    expect(ready.ms).toBeLessThan(2_500);
  });
});

describe("the gateway's /ready", () => {
  it('lists the subgraphs of the supergraph it loaded, at the URLs it calls', async () => {
    // A supergraph that routes programs elsewhere, with no override for it: /ready follows the file.
    const file = path.join(dir, 'supergraph.graphql');
    const elsewhere = 'http://127.0.0.1:9/graphql';
    await writeFile(
      file,
      (await readFile(SUPERGRAPH_PATH, 'utf8')).replace('http://127.0.0.1:4002/graphql', elsewhere),
    );
    // Without the agency registry, which would name programs' instances itself.
    const { agencies: _registry, subgraphUrls, ...deps } = graph.gatewayDeps;
    const { programs: _programs, ...urls } = subgraphUrls ?? {};
    const gateway = await startGateway(
      { ...deps, supergraphPath: file, subgraphUrls: urls },
      { port: 0 },
    );
    try {
      const ready = await readyOf(gateway.http.url);
      expect(ready.status).toBe(200);
      expect(ready.body.supergraph).toBe('loaded');
      expect(Object.keys(ready.body.subgraphs).sort()).toEqual([
        'indicators',
        'programs',
        'volunteers',
      ]);
      // Its breaker is closed: /ready's probe is not a request, only requests open it.
      expect(ready.body.subgraphs.programs).toEqual({
        url: elsewhere,
        status: 'unreachable',
        breaker: 'closed',
      });
      expect(ready.body.degraded).toBe(true);
    } finally {
      await gateway.stop();
    }
  });

  it('turns 503 the moment shutdown begins, and serves requests through the drain', async () => {
    const gateway = await startGateway(graph.gatewayDeps, { port: 0 });
    const stopped = gateway.stop({ drainMs: 800 });
    expect(await readyOf(gateway.http.url)).toMatchObject({
      status: 503,
      body: { status: 'stopping' },
    });
    const during = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ agencies { code } }' }),
    });
    expect(during.status).toBe(200);
    expect(during.headers.get('connection')).toBe('close');
    expect((await during.json()) as unknown).toEqual({
      data: { agencies: expect.arrayContaining([{ code: 'SCD' }]) },
    });
    await stopped;
    await expect(fetch(`${gateway.http.url}/health`)).rejects.toThrow();
  });
});
