import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet } from 'jose';
import {
  callerAudience,
  callerTokenAuthenticator,
  generateSigningKey,
  migrate,
  SILENT_LOGGER,
  startEmbeddedPostgres,
  startSubgraph,
  type Database,
  type RunningSubgraph,
} from '@sahem/kit';
import { createAuditLog } from '../gateway/src/audit/createAuditLog.ts';
import { GATEWAY_MIGRATIONS } from '../gateway/src/audit/openAuditDatabase.ts';
import { fixedCallerKeys } from '../gateway/src/auth/callerKeys.ts';
import { signDemoToken } from '../gateway/src/auth/demoTokens.ts';
import { bearerVerifier } from '../gateway/src/auth/verifyBearer.ts';
import { startGateway } from '../gateway/src/startGateway.ts';
import { seedIndicators, seedPrograms, seedVolunteers } from '../scripts/seed/index.ts';
import { quietDroppedConnections } from '../scripts/seed/quietDroppedConnections.ts';
import { INDICATORS_DIR, indicatorsSubgraph } from '../subgraphs/indicators/src/server.ts';
import { PROGRAMS_DIR, programsSubgraph } from '../subgraphs/programs/src/server.ts';
import { VOLUNTEERS_DIR, volunteersSubgraph } from '../subgraphs/volunteers/src/server.ts';
import { createStopStack, type StopStack } from './createStopStack.ts';

const SUPERGRAPH_PATH = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));
const SALT = 'bench-salt';
const ISSUER = { issuer: 'https://idp.bench', audience: 'sahem-bench' };

/** Milliseconds each start-up phase took, one after the other. */
export interface StartupTimings {
  /** Initialising and starting the embedded PostgreSQL cluster, creating the databases. */
  postgresMs: number;
  /** Applying every migration (three subgraphs and the gateway's audit table). */
  migrateMs: number;
  /** Seeding the three databases side by side. */
  seedMs: number;
  /** The rest of starting the subgraphs and the gateway: clients, Apollo, HTTP. */
  serveMs: number;
}

/** The whole graph, seeded, on ephemeral loopback ports. */
export interface BenchGraph {
  gatewayUrl: string;
  /** `Bearer …` of a platform admin: the scenarios read every field. */
  authorization: string;
  subgraphs: RunningSubgraph<unknown>[];
  startup: StartupTimings;
  /** Stops the gateway, the subgraphs and PostgreSQL, and deletes the data. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startBenchGraph}. */
export interface BenchGraphOptions {
  /** Seed size, as `npm run seed -- --scale`. */
  scale: number;
  /** Lines the gateway and subgraphs log. @default discard */
  log?: (line: string) => void;
  /** Aborting stops whatever has started so far; the returned promise then rejects. */
  signal?: AbortSignal;
  /** Prometheus metrics in every service. @default true */
  metrics?: boolean;
}

/**
 * Starts the graph as `npm start` does, but on an embedded PostgreSQL cluster of its own in a
 * temporary folder and on ports the kernel picks, so it never touches the data or the ports
 * of a running `npm start`. The gateway runs with its security model (bearer tokens, caller
 * tokens, audit log) as in production; only the rate limit is lifted, since one caller sends
 * every request.
 */
export async function startBenchGraph(options: BenchGraphOptions): Promise<BenchGraph> {
  const log = options.log ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const { own, stop } = createStopStack(log);
  // An abort settles the start at once: a step under way when PostgreSQL went away (a seeding
  // transaction) may never settle by itself.
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  try {
    return await Promise.race([launch(options, own, log, signal, stop), aborted]);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The start-up sequence of {@link startBenchGraph}, phase by phase. */
async function launch(
  options: BenchGraphOptions,
  own: StopStack['own'],
  log: (line: string) => void,
  signal: AbortSignal,
  stop: () => Promise<void>,
): Promise<BenchGraph> {
  const { scale } = options;
  let last = performance.now();
  const lap = () => {
    const elapsed = performance.now() - last;
    last += elapsed;
    return elapsed;
  };

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahem-bench-'));
  // Last resort when the process ends without stopping (a crash): the kit stops PostgreSQL
  // on `exit`, this deletes its data.
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeData);
  own(async () => {
    process.removeListener('exit', removeData);
    await rm(dataDir, { recursive: true, force: true });
  });
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'pg'),
    port: 0,
    ephemeral: true,
  });
  own(() => pg.stop());
  const names = ['volunteers', 'programs', 'indicators', 'gateway'] as const;
  for (const name of names) await pg.ensureDatabase(name);
  const postgresMs = lap();
  signal.throwIfAborted();

  await Promise.all([
    migrate(pg.url('volunteers'), path.join(VOLUNTEERS_DIR, 'prisma', 'migrations')),
    migrate(pg.url('programs'), path.join(PROGRAMS_DIR, 'prisma', 'migrations')),
    migrate(pg.url('indicators'), path.join(INDICATORS_DIR, 'prisma', 'migrations')),
    migrate(pg.url('gateway'), GATEWAY_MIGRATIONS),
  ]);
  const migrateMs = lap();
  signal.throwIfAborted();

  const keys = {
    issuer: await generateSigningKey('bench-idp'),
    gateway: await generateSigningKey('bench-gateway'),
  };
  const callerKeys = fixedCallerKeys(keys.gateway);
  const authenticate = (name: string) =>
    callerTokenAuthenticator(callerKeys, { audience: callerAudience(name) });
  // Seeds run inside `startSubgraph`, side by side: their span is the seed phase.
  const seeds: { from: number; to: number }[] = [];
  // The subgraph's database is handed over here first, before its pool has connected.
  const timed =
    <Db extends Database<unknown>>(seed: (db: Db) => Promise<unknown>) =>
    async (db: Db) => {
      quietDroppedConnections(db);
      const from = performance.now();
      await seed(db);
      seeds.push({ from, to: performance.now() });
    };
  // The request log stays quiet: what the bench measures is answering (and metrics, traces).
  const run = {
    port: 0,
    embeddedPort: 0,
    seed: true,
    log,
    metrics: options.metrics ?? true,
    logger: SILENT_LOGGER,
  };
  const settled = await Promise.allSettled([
    startSubgraph(
      volunteersSubgraph({
        authenticate: authenticate('volunteers'),
        nationalIdSalt: SALT,
        production: false,
        seed: timed((db) => seedVolunteers(db, { scale, nationalIdSalt: SALT })),
      }),
      { ...run, databaseUrl: pg.url('volunteers') },
    ),
    startSubgraph(
      programsSubgraph({
        authenticate: authenticate('programs'),
        production: false,
        seed: timed((db) => seedPrograms(db, { scale })),
      }),
      { ...run, databaseUrl: pg.url('programs') },
    ),
    startSubgraph(
      indicatorsSubgraph({
        authenticate: authenticate('indicators'),
        production: false,
        seed: timed((db) => seedIndicators(db, { scale })),
      }),
      { ...run, databaseUrl: pg.url('indicators') },
    ),
  ]);
  const subgraphs: RunningSubgraph<unknown>[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') {
      subgraphs.push(result.value);
      own(() => result.value.stop());
    }
  }
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  signal.throwIfAborted();

  const gateway = await startGateway(
    {
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
      production: false,
      log,
      verifyBearer: bearerVerifier({
        ...ISSUER,
        keys: createLocalJWKSet({ keys: [keys.issuer.publicJwk] }),
      }),
      callerKeys,
      // The audit trail is deleted with the cluster: after a Ctrl-C (PostgreSQL gone too),
      // retrying its last records for the default 30 s would only delay the stop.
      audit: createAuditLog({ databaseUrl: pg.url('gateway'), log, stopTimeoutMs: 1_000 }),
      limits: { rateLimitPerMinute: 1_000_000 },
      metrics: options.metrics ?? true,
      logger: SILENT_LOGGER,
    },
    { port: 0 },
  );
  own(() => gateway.stop());
  signal.throwIfAborted();
  const seedMs =
    Math.max(...seeds.map((span) => span.to)) - Math.min(...seeds.map((span) => span.from));
  const serveMs = lap() - seedMs;

  const token = await signDemoToken(
    { role: 'platform_admin', subject: 'bench-admin' },
    keys.issuer,
    ISSUER,
  );
  return {
    gatewayUrl: gateway.url,
    authorization: `Bearer ${token}`,
    subgraphs,
    startup: { postgresMs, migrateMs, seedMs, serveMs },
    stop,
  };
}
