import { readFile } from 'node:fs/promises';
import {
  createLogger,
  listenOptions,
  readAgencyRegistry,
  startTracing,
  stopOnSignals,
} from '@sahem/kit';
import { createAuditLog } from './audit/createAuditLog.ts';
import { openAuditDatabase } from './audit/openAuditDatabase.ts';
import { loadIdentity } from './auth/loadIdentity.ts';
import type { GatewayEnv } from './env.ts';
import { limitsFromEnv } from './limits/limitsFromEnv.ts';
import { rateLimitStoreFromEnv } from './limits/rateLimitStoreFromEnv.ts';
import { resilienceFromEnv } from './resilience/resilienceVariables.ts';
import { startGateway } from './startGateway.ts';
import { buildWebApps } from './web/buildWebApps.ts';

/** Which worker this process is, when `GATEWAY_WORKERS` runs several (see `workers/`). */
export interface WorkerRole {
  /** 1 to `count`. */
  id: number;
  count: number;
}

/**
 * Runs one gateway process as configured by `env`: traced, logged, with its identity, audit
 * database, rate-limit store and web apps, listening until SIGINT/SIGTERM, then stopping cleanly.
 * As one of several workers it shares the port with the others (node:cluster) and uses the
 * database the supervisor opened for all of them.
 */
export async function serveGateway(env: GatewayEnv, worker?: WorkerRole): Promise<void> {
  // First, so everything after it is traced when OTEL_* configures an exporter.
  const tracing = startTracing({ serviceName: 'gateway' });
  const logger = createLogger({ service: 'gateway', level: env.SAHEM_LOG_LEVEL });
  const listen = await listenOptions(env, 'GATEWAY');
  const identity = await loadIdentity(env);
  const audited = env.GATEWAY_AUDIT === 'on';
  // The gateway's database holds the audit trail and, when replicas share them, the rate limits.
  const database =
    audited || env.GATEWAY_RATE_LIMIT_STORE === 'postgres'
      ? await openAuditDatabase({
          databaseUrl: env.GATEWAY_DATABASE_URL,
          dataRoot: env.SAHEM_DATA_DIR,
          embeddedPort: env.GATEWAY_PG_PORT,
          migrate: env.GATEWAY_DATABASE_MIGRATE,
          log: console.log,
        })
      : undefined;
  if (!audited) {
    console.log(
      'gateway: GATEWAY_AUDIT=off: operations are NOT recorded in an audit trail (/ready says "audit": "off")',
    );
  }
  if (env.GATEWAY_RATE_LIMIT_STORE === 'memory' && env.SAHEM_PRODUCTION) {
    console.log(
      'gateway: rate limits are counted in this process only; with several replicas set GATEWAY_RATE_LIMIT_STORE=postgres',
    );
  }
  const rateLimits = rateLimitStoreFromEnv(env, database?.url);
  // Builds the explorer and the dashboard only when their bundles are missing or stale (an image
  // built with `npm run build:web` starts without the bundler).
  if (env.GATEWAY_EXPLORER || env.GATEWAY_DASHBOARD) await buildWebApps({ log: console.log });
  // An override of the contract subgraph's URL means one instance holding every agency there.
  const agencies = readAgencyRegistry(env.SAHEM_AGENCIES_FILE);
  const shared = env.subgraphUrls[agencies.subgraph];
  // Worded without " at <url>": that phrase announces where this service listens.
  if (shared)
    console.log(`gateway: every agency's ${agencies.subgraph} on one instance (${shared})`);
  const running = await startGateway(
    {
      verifyBearer: identity.verifyBearer,
      callerKeys: identity.callerKeys,
      rejectUnauthorized: env.GATEWAY_REJECT_UNAUTHORIZED,
      supergraphPath: env.GATEWAY_SUPERGRAPH_PATH,
      subgraphUrls: env.subgraphUrls,
      // The agencies' programs instances, routed by owner (one entry per agency; an override of
      // its URL means one instance holding every agency).
      agencies,
      contractsDir: env.GATEWAY_CONTRACTS_DIR,
      ...(env.GATEWAY_SUBGRAPH_CA_FILE && {
        subgraphCa: await readFile(env.GATEWAY_SUBGRAPH_CA_FILE),
      }),
      subgraphTimeoutMs: env.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      subgraphTimeoutsMs: env.GATEWAY_SUBGRAPH_TIMEOUTS,
      subgraphOwners: env.GATEWAY_SUBGRAPH_OWNERS,
      resilience: resilienceFromEnv(env),
      requestTimeoutMs: env.GATEWAY_REQUEST_TIMEOUT_MS,
      deadlineMarginMs: env.GATEWAY_DEADLINE_MARGIN_MS,
      smallCellThreshold: env.SAHEM_SMALL_CELL_THRESHOLD,
      production: env.SAHEM_PRODUCTION,
      persistedDocuments: {
        mode: env.GATEWAY_PERSISTED_DOCUMENTS,
        manifestPath: env.GATEWAY_PERSISTED_DOCUMENTS_MANIFEST,
      },
      ...(audited && database && { audit: createAuditLog({ databaseUrl: database.url }) }),
      limits: { ...limitsFromEnv(env), rateLimitStore: rateLimits.store },
      web: {
        corsOrigins: env.GATEWAY_CORS_ORIGINS,
        explorer: env.GATEWAY_EXPLORER,
        dashboard: env.GATEWAY_DASHBOARD,
      },
      logger,
      metrics: env.SAHEM_METRICS,
      dedup: env.GATEWAY_DEDUP,
      responseCache: {
        ttlMs: env.GATEWAY_RESPONSE_CACHE_TTL_MS,
        maxEntries: env.GATEWAY_RESPONSE_CACHE_MAX_ENTRIES,
        maxBytes: env.GATEWAY_RESPONSE_CACHE_MAX_BYTES,
      },
    },
    listen,
  );
  console.log(
    worker
      ? `gateway at ${running.url} (worker ${worker.id} of ${worker.count})`
      : `gateway at ${running.url}`,
  );
  // The gateway's database stops last: the gateway writes its last audit records as it stops.
  stopOnSignals(
    (shutdown) =>
      running
        .stop(shutdown)
        .finally(() => rateLimits.close())
        .finally(() => database?.stop())
        .finally(() => tracing.shutdown()),
    {
      drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
      timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
    },
  );
}
