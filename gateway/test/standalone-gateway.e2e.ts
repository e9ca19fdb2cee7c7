import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnService, type SpawnedService } from '../../scripts/build/spawnService.ts';

// The gateway as an operator starts it on its own (`gateway/src/index.ts`), as a process.
const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
const started: SpawnedService[] = [];

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

function startGateway(env: Record<string, string>) {
  return spawnService('node', ['--import', 'tsx', 'gateway/src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? dir,
      GATEWAY_PORT: '0',
      // Stopping is tested for its exit code; the drain has its own test (shutdown-under-load).
      SAHEM_SHUTDOWN_DRAIN_MS: '0',
      // Nowhere: these tests are about the gateway itself.
      GATEWAY_SUBGRAPH_URLS:
        'volunteers=http://127.0.0.1:9/graphql,programs=http://127.0.0.1:9/graphql,indicators=http://127.0.0.1:9/graphql',
      ...env,
    },
  }).then((service) => {
    started.push(service);
    return service;
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-standalone-'));
});
afterAll(async () => {
  for (const service of started) await service.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the standalone gateway', () => {
  it('runs without an audit trail only when told, and says so at start and in /ready', async () => {
    const data = path.join(dir, 'no-audit');
    const gateway = await startGateway({ GATEWAY_AUDIT: 'off', SAHEM_DATA_DIR: data });
    expect(gateway.output()).toMatch(/GATEWAY_AUDIT=off: operations are NOT recorded/);
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
    expect(await ready.json()).toMatchObject({ audit: 'off' });
    // Its keys went to SAHEM_DATA_DIR, and no database was started there.
    expect(await exists(path.join(data, 'keys', 'gateway.jwk.json'))).toBe(true);
    expect(await exists(path.join(data, 'gateway'))).toBe(false);
    expect(await gateway.stop()).toBe(0);
  });

  it('keeps its embedded audit database in SAHEM_DATA_DIR', async () => {
    const data = path.join(dir, 'embedded');
    const gateway = await startGateway({ SAHEM_DATA_DIR: data, GATEWAY_PG_PORT: '0' });
    expect(await exists(path.join(data, 'gateway', 'PG_VERSION'))).toBe(true);
    const ready = await fetch(gateway.url.replace(/\/graphql$/, '/ready'));
    expect(await ready.json()).toMatchObject({ audit: 'ok' });
    expect(await gateway.stop()).toBe(0);
    // Stopping the gateway stopped its PostgreSQL too.
    expect(await exists(path.join(data, 'gateway', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it.each([
    [{}, 'GATEWAY_DATABASE_URL is required in production'],
    [
      { GATEWAY_AUDIT: 'off', GATEWAY_DATABASE_URL: 'postgresql://gw@127.0.0.1:9/gateway' },
      'GATEWAY_AUDIT=off is refused in production',
    ],
  ])('refuses to start in production without an audit trail (%o)', async (env, message) => {
    const start = startGateway({
      SAHEM_PRODUCTION: 'true',
      GATEWAY_JWKS_URL: 'https://idp.example/jwks.json',
      SAHEM_DATA_DIR: path.join(dir, 'production'),
      ...env,
    });
    await expect(start).rejects.toThrow(message);
  });
});
