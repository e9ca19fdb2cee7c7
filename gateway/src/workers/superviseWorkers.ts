import cluster, { type Worker } from 'node:cluster';
import { openAuditDatabase, type AuditDatabase } from '../audit/openAuditDatabase.ts';
import { loadIdentity } from '../auth/loadIdentity.ts';
import type { GatewayEnv } from '../env.ts';
import type { WorkerRole } from '../serveGateway.ts';
import { buildWebApps } from '../web/buildWebApps.ts';

// Set by the supervisor in each worker's environment: which worker it is.
const WORKER_ID = 'SAHEM_GATEWAY_WORKER_ID';
// A worker that dies this soon after it started is failing to start, not crashing in service.
const EARLY_EXIT_MS = 10_000;

/** This process's place among the workers, or undefined when it is not one. */
export function workerRole(): WorkerRole | undefined {
  const id = Number(process.env[WORKER_ID]);
  const count = Number(process.env.GATEWAY_WORKERS);
  return cluster.isWorker && id > 0 ? { id, count } : undefined;
}

/**
 * The primary process of `GATEWAY_WORKERS=N`: prepares once what the workers share, forks N
 * gateway workers that accept connections on the one port (node:cluster hands them out in
 * turn), replaces a worker that dies in service, and on SIGTERM/SIGINT passes the signal to
 * every worker, which drains as a single gateway does (its `/ready` turns 503, requests in
 * flight finish), then stops the shared database and exits 0 once all have exited cleanly.
 *
 * Shared, prepared here so that N workers do not race for them: the caller-token signing key
 * and development keys (created once in the data folder), the embedded audit database (one
 * server, migrated once; workers connect to it), and the web bundles. Per worker, and so
 * multiplied by N: the in-memory rate-limit counts (use `GATEWAY_RATE_LIMIT_STORE=postgres`),
 * the response cache and the fetches in flight that de-duplication shares.
 */
export async function superviseWorkers(
  env: GatewayEnv,
  log: (line: string) => void = console.log,
): Promise<void> {
  const count = env.GATEWAY_WORKERS;
  await loadIdentity(env, log);
  const needsDatabase = env.GATEWAY_AUDIT === 'on' || env.GATEWAY_RATE_LIMIT_STORE === 'postgres';
  const database: AuditDatabase | undefined = needsDatabase
    ? await openAuditDatabase({
        databaseUrl: env.GATEWAY_DATABASE_URL,
        dataRoot: env.SAHEM_DATA_DIR,
        embeddedPort: env.GATEWAY_PG_PORT,
        migrate: env.GATEWAY_DATABASE_MIGRATE,
        log,
      })
    : undefined;
  if (env.GATEWAY_EXPLORER || env.GATEWAY_DASHBOARD) await buildWebApps({ log });
  const shared = {
    ...(database && { GATEWAY_DATABASE_URL: database.url }),
    // Migrated above, once.
    GATEWAY_DATABASE_MIGRATE: 'false',
  };
  const started = new Map<Worker, { id: number; at: number }>();
  let stopping = false;
  let earlyExits = 0;
  const fork = (id: number) => {
    const worker = cluster.fork({ ...shared, [WORKER_ID]: String(id) });
    started.set(worker, { id, at: Date.now() });
  };
  log(`gateway: ${count} workers sharing one port`);
  for (let id = 1; id <= count; id++) fork(id);

  let allExited: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (allExited = resolve));
  let failed = false;
  cluster.on('exit', (worker, code, signal) => {
    const { id, at } = started.get(worker)!;
    started.delete(worker);
    if (stopping) {
      // A worker that did not stop cleanly makes the whole gateway's exit an error.
      if (code !== 0) failed = true;
      if (started.size === 0) allExited();
      return;
    }
    log(`gateway: worker ${id} exited (${signal ?? `code ${code}`}); starting another`);
    // One that cannot start would be replaced forever: after as many quick deaths as there are
    // workers, the whole gateway stops with an error instead.
    if (Date.now() - at < EARLY_EXIT_MS && ++earlyExits >= count) {
      log('gateway: workers keep failing at start; stopping');
      stop('SIGTERM', 1);
      return;
    }
    fork(id);
  });

  const stop = (signal: NodeJS.Signals, exitCode?: number) => {
    if (stopping) return;
    stopping = true;
    if (exitCode) failed = true;
    log(`${signal}: stopping ${started.size} workers`);
    for (const worker of started.keys()) worker.process.kill(signal);
    if (started.size === 0) allExited();
    // Beyond the workers' own drain and timeout, a worker still there is killed.
    const grace = env.SAHEM_SHUTDOWN_DRAIN_MS + env.SAHEM_SHUTDOWN_TIMEOUT_MS + 5_000;
    const killer = setTimeout(() => {
      for (const worker of started.keys()) worker.process.kill('SIGKILL');
    }, grace);
    killer.unref();
    void exited
      .then(() => database?.stop())
      .then(
        () => process.exit(failed ? 1 : 0),
        (error: unknown) => {
          log(`stopping failed: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
