import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { spawnService, type SpawnedService } from '../../scripts/build/spawnService.ts';
import { GATEWAY_MIGRATIONS } from '../src/audit/openAuditDatabase.ts';
import { startGraph, TEST_ISSUER, type Graph } from './support/startGraph.ts';

// Two gateway processes, as two replicas behind a load balancer: the same subgraphs, one
// gateway database, one caller-token key. One caller's budget is shared; nothing else differs.
const root = path.resolve(import.meta.dirname, '../..');
const PER_MINUTE = 6;
let dir: string;
let graph: Graph;
let gatewayDb: TestDatabase;
const replicas: SpawnedService[] = [];
let tokens: { analyst: string; officer: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-replicas-'));
  // The keys as an operator mounts them into every replica: one file each, shared.
  const keys = {
    issuer: await loadOrCreateSigningKey(path.join(dir, 'issuer.jwk.json'), 'test-idp'),
    gateway: await loadOrCreateSigningKey(path.join(dir, 'gateway.jwk.json'), 'test-gateway'),
  };
  graph = await startGraph({ audit: false, keys });
  gatewayDb = await createTestDatabase(GATEWAY_MIGRATIONS);
  tokens = {
    analyst: await graph.token({ role: 'analyst', subject: 'analyst-01' }),
    officer: await graph.token({
      role: 'agency_officer',
      subject: 'SCD-officer-01',
      agency: 'SCD',
    }),
  };
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    GATEWAY_PORT: '0',
    // The drain after SIGTERM has its own test (shutdown-under-load); here it only adds waiting.
    SAHEM_SHUTDOWN_DRAIN_MS: '0',
    GATEWAY_SUBGRAPH_URLS: Object.entries(graph.gatewayDeps.subgraphUrls!)
      .map(([name, url]) => `${name}=${url}`)
      .join(','),
    GATEWAY_DATABASE_URL: gatewayDb.url,
    GATEWAY_RATE_LIMIT_STORE: 'postgres',
    GATEWAY_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
    GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(PER_MINUTE),
    GATEWAY_SIGNING_KEY_FILE: path.join(dir, 'gateway.jwk.json'),
    // The test identity provider, as the development issuer (its key file is shared too).
    GATEWAY_DEV_ISSUER_KEY_FILE: path.join(dir, 'issuer.jwk.json'),
    GATEWAY_JWT_ISSUER: TEST_ISSUER.issuer,
    GATEWAY_JWT_AUDIENCE: TEST_ISSUER.audience,
    SAHEM_DATA_DIR: path.join(dir, 'data'),
  };
  replicas.push(
    ...(await Promise.all(
      [1, 2].map(() =>
        spawnService('node', ['--import', 'tsx', 'gateway/src/index.ts'], { cwd: root, env }),
      ),
    )),
  );
}, 120_000);

afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await gatewayDb?.drop();
  await graph?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const QUERY = '{ agencies { code } indicators { code } }';

async function ask(replica: SpawnedService, token?: string) {
  const response = await fetch(replica.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query: QUERY }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

describe('two gateway replicas', () => {
  it("share one caller's budget, whichever replica each request reaches", async () => {
    const statuses: number[] = [];
    // Alternating, as a round-robin load balancer sends them.
    for (let i = 0; i < PER_MINUTE + 2; i++)
      statuses.push((await ask(replicas[i % 2]!, tokens.analyst)).status);
    expect(statuses).toEqual([...Array(PER_MINUTE).fill(200), 429, 429]);
    // Both replicas refuse now, and another caller still has a budget of its own.
    const refused = await ask(replicas[0]!, tokens.analyst);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await ask(replicas[1]!, tokens.officer)).status).toBe(200);
  });

  it('answer the same operation alike and publish the same caller-token key', async () => {
    const [first, second] = await Promise.all(replicas.map((replica) => ask(replica)));
    expect(first!.status).toBe(200);
    expect(second).toEqual(first);
    const jwks = await Promise.all(
      replicas.map((replica) =>
        fetch(replica.url.replace(/\/graphql$/, '/.well-known/jwks.json')).then((r) => r.json()),
      ),
    );
    expect(jwks[0]).toEqual({ keys: [graph.keys.gateway.publicJwk] });
    expect(jwks[1]).toEqual(jwks[0]);
    const ready = await Promise.all(
      replicas.map((replica) =>
        fetch(replica.url.replace(/\/graphql$/, '/ready')).then((r) => r.json()),
      ),
    );
    expect(ready[1]).toEqual(ready[0]);
    expect(ready[0]).toMatchObject({ status: 'ready', audit: 'ok' });
  });

  it('both write every request to the one audit trail', async () => {
    const requestIds = ['replica-a-1', 'replica-b-1', 'replica-a-2', 'replica-b-2'];
    await Promise.all(
      requestIds.map((id, i) =>
        fetch(replicas[i % 2]!.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens.officer}`,
            'x-request-id': id,
          },
          body: JSON.stringify({ query: QUERY }),
        }),
      ),
    );
    // The writers flush every 200 ms.
    const deadline = Date.now() + 10_000;
    while ((await auditCount(requestIds)) < requestIds.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const client = new pg.Client({ connectionString: gatewayDb.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ request_id: string; subject: string }>(
        'SELECT request_id, subject FROM audit_log WHERE request_id = ANY($1) ORDER BY request_id',
        [requestIds],
      );
      expect(rows).toEqual(
        [...requestIds].sort().map((id) => ({ request_id: id, subject: 'SCD-officer-01' })),
      );
    } finally {
      await client.end();
    }
  });
});

async function auditCount(requestIds: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: gatewayDb.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM audit_log WHERE request_id = ANY($1)',
      [requestIds],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
