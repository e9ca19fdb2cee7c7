import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnService, type SpawnedService } from '../../scripts/build/spawnService.ts';

// GATEWAY_WORKERS=2: the gateway as an operator starts it, one primary and two workers sharing
// the port and one embedded audit database.
const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let gateway: SpawnedService;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not in time:\n${gateway.output()}`);
    await sleep(100);
  }
}

// The primary's node children: its workers (the embedded PostgreSQL is its child too).
async function workerPids(pid: number): Promise<number[]> {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const names = await Promise.all(
    children.map((child) => readFile(`/proc/${child}/comm`, 'utf8').catch(() => '')),
  );
  return children.filter((_, i) => names[i]!.trim() === 'node');
}

const startedWorkers = () => gateway.output().match(/\(worker \d of 2\)/g)?.length ?? 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-workers-'));
  gateway = await spawnService('node', ['--import', 'tsx', 'gateway/src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? dir,
      GATEWAY_PORT: '0',
      GATEWAY_PG_PORT: '0',
      GATEWAY_WORKERS: '2',
      SAHEM_DATA_DIR: dir,
      GATEWAY_EXPLORER: 'false',
      GATEWAY_DASHBOARD: 'false',
      GATEWAY_SUBGRAPH_URLS:
        'volunteers=http://127.0.0.1:9/graphql,programs=http://127.0.0.1:9/graphql,indicators=http://127.0.0.1:9/graphql',
    },
    timeoutMs: 120_000,
  });
  await until(() => startedWorkers() === 2);
}, 180_000);
afterAll(async () => {
  await gateway?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('serves on one port from two workers sharing one audit database', async () => {
  expect(gateway.output()).toMatch(/gateway: 2 workers sharing one port/);
  expect(await workerPids(gateway.child.pid!)).toHaveLength(2);
  // The embedded server was started once, by the primary.
  expect(gateway.output().match(/embedded PostgreSQL on port/g)).toHaveLength(1);
  const base = gateway.url.replace(/\/graphql$/, '');
  for (let i = 0; i < 6; i++) {
    const ready = await fetch(`${base}/ready`);
    expect(await ready.json()).toMatchObject({ audit: 'ok' });
  }
  const answer = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
});

it('replaces a worker that dies, and stops every worker cleanly on SIGTERM', async () => {
  const [victim] = await workerPids(gateway.child.pid!);
  process.kill(victim!, 'SIGKILL');
  await until(() => /worker \d exited \(SIGKILL\); starting another/.test(gateway.output()));
  await until(() => startedWorkers() === 3);
  const workers = await workerPids(gateway.child.pid!);
  expect(workers).toHaveLength(2);
  expect(workers).not.toContain(victim);
  expect(await gateway.stop()).toBe(0);
  expect(gateway.output()).toMatch(/SIGTERM: stopping 2 workers/);
  for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
}, 120_000);
