import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '@sahem/kit';
import { startGateway } from '../src/startGateway.ts';
import { steadyLoad } from './support/steadyLoad.ts';
import { ADMIN, startGraph, TEST_ISSUER, type Graph } from './support/startGraph.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let graph: Graph;
let dir: string;
let keyFiles: { gateway: string; issuer: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-shutdown-'));
  // The keys a gateway process of this test's own reads from files, as deployed gateways do.
  keyFiles = {
    gateway: path.join(dir, 'gateway.jwk.json'),
    issuer: path.join(dir, 'issuer.jwk.json'),
  };
  const keys = {
    gateway: await loadOrCreateSigningKey(keyFiles.gateway, 'test-gateway'),
    issuer: await loadOrCreateSigningKey(keyFiles.issuer, 'test-idp'),
  };
  graph = await startGraph({ keys, audit: false, loadTest: true });
});
afterAll(async () => {
  await graph?.stop();
  await rm(dir, { recursive: true, force: true });
});

const QUERY = { query: '{ agencies { code } programs(first: 3) { edges { node { id } } } }' };

/** Starts `gateway/src/index.ts` as its own process and resolves with its URL once it listens. */
function spawnGateway(): Promise<{
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GATEWAY_PORT: '0',
      GATEWAY_DATABASE_URL: graph.audit.databaseUrl,
      GATEWAY_SIGNING_KEY_FILE: keyFiles.gateway,
      GATEWAY_DEV_ISSUER_KEY_FILE: keyFiles.issuer,
      GATEWAY_JWT_ISSUER: TEST_ISSUER.issuer,
      GATEWAY_JWT_AUDIENCE: TEST_ISSUER.audience,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000',
      // The gateway reads only GATEWAY_SUBGRAPH_URLS (else it would call whatever listens on the
      // supergraph's default ports); an override of programs is one instance for every agency.
      GATEWAY_SUBGRAPH_URLS: [
        `volunteers=${graph.volunteers.url}`,
        `programs=${graph.programs.url}`,
        `indicators=${graph.indicators.url}`,
      ].join(','),
      SAHEM_SHUTDOWN_DRAIN_MS: '1500',
      SAHEM_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /gateway at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ child, url, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`gateway exited (${code}) before listening:\n${output}`)),
    );
  });
}

it('a gateway process stops on SIGTERM under load without one failed or reset request, writes its audit trail and exits 0', async () => {
  const gateway = await spawnGateway();
  const base = gateway.url.replace(/\/graphql$/, '');
  const authorization = `Bearer ${await graph.token(ADMIN)}`;
  // One request first: a new process plans its first operation slowly.
  await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(QUERY),
  });
  const load = steadyLoad({
    url: gateway.url,
    readyUrl: `${base}/ready`,
    body: QUERY,
    headers: { authorization },
    workers: 6,
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  load.mark();
  gateway.child.kill('SIGTERM');
  const report = await load.unrouted();
  const code = await gateway.exited;
  console.log(
    `SIGTERM under load: ${report.sent} sent, ${report.ok} ok, ${report.okAfterMark} answered after SIGTERM, ${report.failures.length} failed`,
  );
  expect(report.failures).toEqual([]);
  expect(report.ok).toBeGreaterThan(10);
  // The drain served requests after the signal, until the load balancer moved away.
  expect(report.okAfterMark).toBeGreaterThan(0);
  expect(code).toBe(0);
  // Every answered request is in the trail: the audit log was flushed before the exit.
  const client = new pg.Client({ connectionString: graph.audit.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  await client.end();
  expect(rows[0]!.n).toBe(report.ok + 1);
});

it('a subgraph stops on SIGTERM under load without failing a request through the gateway', async () => {
  // The programs subgraph as a process of its own, verifying caller tokens with the gateway's JWKS.
  const front = await startGateway(graph.gatewayDeps, { port: 0 });
  const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/programs/src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PROGRAMS_PORT: '0',
      PROGRAMS_DATABASE_URL: graph.programs.db.pool.options.connectionString,
      SAHEM_GATEWAY_JWKS_URL: `${front.http.url}/.well-known/jwks.json`,
      SAHEM_SHUTDOWN_DRAIN_MS: '1500',
      SAHEM_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /programs subgraph (?:\(instance [^)]*\) )?at (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`programs exited (${code}):\n${output}`)));
  });
  const gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      subgraphUrls: { ...graph.gatewayDeps.subgraphUrls, programs: url },
    },
    { port: 0 },
  );
  try {
    const authorization = `Bearer ${await graph.token(ADMIN)}`;
    await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(QUERY),
    });
    const load = steadyLoad({
      url: gateway.url,
      // The subgraph's own readiness decides whether it gets traffic, as its endpoints would.
      readyUrl: url.replace(/\/graphql$/, '/ready'),
      body: QUERY,
      headers: { authorization },
      workers: 6,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    load.mark();
    child.kill('SIGTERM');
    const report = await load.unrouted();
    console.log(
      `subgraph SIGTERM under load: ${report.sent} sent, ${report.ok} ok, ${report.okAfterMark} after SIGTERM, ${report.failures.length} failed`,
    );
    expect(report.failures).toEqual([]);
    expect(report.ok).toBeGreaterThan(10);
    expect(report.okAfterMark).toBeGreaterThan(0);
    expect(await exited).toBe(0);
  } finally {
    await gateway.stop();
    await front.stop();
  }
});
