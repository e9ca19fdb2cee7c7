import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerAudience,
  callerTokenAuthenticator,
  startSubgraph,
  type RunningSubgraph,
} from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { PROGRAMS_DIR, programsSubgraph } from '../../subgraphs/programs/src/server.ts';
import type { GatewayDeps } from '../src/server.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { SUPERGRAPH_PATH, startGraph, type Graph } from './support/startGraph.ts';

// Where the gateway sends each subgraph's requests: the supergraph decides, the operator may
// override a subgraph by name, and an HTTPS subgraph is trusted through a configured CA.
let graph: Graph;
let dir: string;
let httpsPrograms: RunningSubgraph<unknown>;
let programsDb: TestDatabase;
let certificate: Buffer;
const gateways: RunningGateway[] = [];

const QUERY = '{ indicators { code } skills { code } programs(first: 1) { totalCount } }';

/** The committed supergraph with the URLs composition recorded replaced. */
async function supergraphWith(urls: Record<string, string>): Promise<string> {
  let sdl = await readFile(SUPERGRAPH_PATH, 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    sdl = sdl.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*`),
      (_, head: string) => `${head}${url}`,
    );
  }
  const file = path.join(dir, `supergraph-${gateways.length}.graphql`);
  await writeFile(file, sdl);
  return file;
}

async function gatewayWith(deps: Partial<GatewayDeps>): Promise<RunningGateway> {
  // Without the agency registry, which names the programs instances itself: these tests are
  // about the URLs of the supergraph and the operator's overrides.
  const { subgraphUrls: _ignored, agencies: _registry, ...rest } = graph.gatewayDeps;
  const gateway = await startGateway({ ...rest, ...deps }, { port: 0 });
  gateways.push(gateway);
  return gateway;
}

async function ask(gateway: RunningGateway) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
}

async function ready(gateway: RunningGateway) {
  const response = await fetch(`${gateway.http.url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-urls-'));
  // A certificate for 127.0.0.1 that is its own authority: the agency's private CA.
  await promisify(execFile)('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'],
    ...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
    ...['-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
  ]);
  certificate = await readFile(path.join(dir, 'cert.pem'));
  programsDb = await createTestDatabase(path.join(PROGRAMS_DIR, 'prisma', 'migrations'));
  httpsPrograms = await startSubgraph(
    programsSubgraph({
      authenticate: callerTokenAuthenticator(
        createLocalJWKSet({ keys: [graph.keys.gateway.publicJwk] }),
        { audience: callerAudience('programs') },
      ),
      production: false,
    }),
    {
      port: 0,
      databaseUrl: programsDb.url,
      embeddedPort: 0,
      tls: { cert: certificate, key: await readFile(path.join(dir, 'key.pem')) },
    },
  );
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await httpsPrograms?.stop();
  await programsDb?.drop();
  await graph?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('subgraph URLs', () => {
  it('come from the supergraph when the operator overrides none', async () => {
    const gateway = await gatewayWith({
      supergraphPath: await supergraphWith({
        volunteers: graph.volunteers.url,
        programs: graph.programs.url,
        indicators: graph.indicators.url,
      }),
    });
    expect((await ask(gateway)).errors).toBeUndefined();
    expect(await ready(gateway)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        supergraph: 'loaded',
        subgraphs: {
          volunteers: { url: graph.volunteers.url, status: 'ok', breaker: 'closed' },
          programs: { url: graph.programs.url, status: 'ok', breaker: 'closed' },
          indicators: { url: graph.indicators.url, status: 'ok', breaker: 'closed' },
        },
        audit: 'off',
      },
    });
  });

  it('are overridden by name, for that subgraph only', async () => {
    const gateway = await gatewayWith({
      // Nothing listens on port 9 (discard): only the override makes programs reachable.
      supergraphPath: await supergraphWith({
        volunteers: graph.volunteers.url,
        programs: 'http://127.0.0.1:9/graphql',
        indicators: graph.indicators.url,
      }),
      subgraphUrls: { programs: graph.programs.url },
    });
    expect((await ask(gateway)).errors).toBeUndefined();
    expect((await ready(gateway)).status).toBe(200);
  });

  it('reach an HTTPS subgraph whose certificate the configured CA signed', async () => {
    expect(httpsPrograms.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const gateway = await gatewayWith({
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: { ...graph.gatewayDeps.subgraphUrls, programs: httpsPrograms.url },
      subgraphCa: certificate,
    });
    const answer = await ask(gateway);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toMatchObject({ programs: { totalCount: 0 } });
    expect((await ready(gateway)).body.subgraphs).toEqual({
      volunteers: { url: graph.volunteers.url, status: 'ok', breaker: 'closed' },
      programs: { url: httpsPrograms.url, status: 'ok', breaker: 'closed' },
      indicators: { url: graph.indicators.url, status: 'ok', breaker: 'closed' },
    });
  });

  it('refuse an HTTPS subgraph whose certificate no trusted CA signed', async () => {
    const gateway = await gatewayWith({
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: { ...graph.gatewayDeps.subgraphUrls, programs: httpsPrograms.url },
    });
    const answer = await ask(gateway);
    expect(answer.errors?.length).toBeGreaterThan(0);
    // One subgraph down leaves the gateway ready for the operations that never touch it.
    const state = await ready(gateway);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      degraded: true,
      subgraphs: { programs: { status: 'unreachable' }, volunteers: { status: 'ok' } },
    });
  });
});
