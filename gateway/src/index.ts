import { createLogger, startTracing, stopOnSignals } from '@sahem/kit';
import { createAuditLog } from './audit/createAuditLog.ts';
import { openAuditDatabase } from './audit/openAuditDatabase.ts';
import { loadIdentity } from './auth/loadIdentity.ts';
import { gatewayEnv } from './env.ts';
import { limitsFromEnv } from './limits/limitsFromEnv.ts';
import { startGateway } from './startGateway.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = gatewayEnv();
// First, so everything after it is traced when OTEL_* configures an exporter.
const tracing = startTracing({ serviceName: 'gateway' });
const logger = createLogger({ service: 'gateway', level: env.SAHEM_LOG_LEVEL });
const identity = await loadIdentity(env);
const auditDatabase = await openAuditDatabase({
  databaseUrl: env.GATEWAY_DATABASE_URL,
  embeddedPort: env.GATEWAY_PG_PORT,
  migrate: env.GATEWAY_DATABASE_MIGRATE,
  log: console.log,
});
const running = await startGateway(
  {
    verifyBearer: identity.verifyBearer,
    callerKeys: identity.callerKeys,
    rejectUnauthorized: env.GATEWAY_REJECT_UNAUTHORIZED,
    supergraphPath: env.GATEWAY_SUPERGRAPH_PATH,
    subgraphUrls: env.subgraphUrls,
    subgraphTimeoutMs: env.GATEWAY_SUBGRAPH_TIMEOUT_MS,
    requestTimeoutMs: env.GATEWAY_REQUEST_TIMEOUT_MS,
    deadlineMarginMs: env.GATEWAY_DEADLINE_MARGIN_MS,
    production: env.SAHEM_PRODUCTION,
    persistedDocuments: {
      mode: env.GATEWAY_PERSISTED_DOCUMENTS,
      manifestPath: env.GATEWAY_PERSISTED_DOCUMENTS_MANIFEST,
    },
    audit: createAuditLog({ databaseUrl: auditDatabase.url }),
    limits: limitsFromEnv(env),
    logger,
    metrics: env.SAHEM_METRICS,
  },
  { port: env.GATEWAY_PORT, host: env.GATEWAY_HOST },
);
console.log(`gateway at ${running.url}`);
// The audit trail's database stops last: the gateway writes its last records as it stops.
stopOnSignals(
  (shutdown) =>
    running
      .stop(shutdown)
      .finally(() => auditDatabase.stop())
      .finally(() => tracing.shutdown()),
  {
    drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
    timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
  },
);
