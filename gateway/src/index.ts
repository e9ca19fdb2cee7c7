import { createAuditLog } from './audit/createAuditLog.ts';
import { openAuditDatabase } from './audit/openAuditDatabase.ts';
import { loadIdentity } from './auth/loadIdentity.ts';
import { gatewayEnv } from './env.ts';
import { limitsFromEnv } from './limits/limitsFromEnv.ts';
import { startGateway } from './startGateway.ts';
import { buildWebApps } from './web/buildWebApps.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = gatewayEnv();
const identity = await loadIdentity(env);
const auditDatabase = await openAuditDatabase({
  databaseUrl: env.GATEWAY_DATABASE_URL,
  embeddedPort: env.GATEWAY_PG_PORT,
  migrate: env.GATEWAY_DATABASE_MIGRATE,
  log: console.log,
});
// Builds the explorer and the dashboard only when their bundles are missing or stale (an image
// built with `npm run build:web` starts without the bundler).
if (env.GATEWAY_EXPLORER || env.GATEWAY_DASHBOARD) await buildWebApps({ log: console.log });
const running = await startGateway(
  {
    verifyBearer: identity.verifyBearer,
    callerKey: identity.callerKey,
    rejectUnauthorized: env.GATEWAY_REJECT_UNAUTHORIZED,
    supergraphPath: env.GATEWAY_SUPERGRAPH_PATH,
    subgraphUrls: env.subgraphUrls,
    subgraphTimeoutMs: env.GATEWAY_SUBGRAPH_TIMEOUT_MS,
    production: env.SAHEM_PRODUCTION,
    persistedDocuments: {
      mode: env.GATEWAY_PERSISTED_DOCUMENTS,
      manifestPath: env.GATEWAY_PERSISTED_DOCUMENTS_MANIFEST,
    },
    audit: createAuditLog({ databaseUrl: auditDatabase.url }),
    limits: limitsFromEnv(env),
    web: {
      corsOrigins: env.GATEWAY_CORS_ORIGINS,
      explorer: env.GATEWAY_EXPLORER,
      dashboard: env.GATEWAY_DASHBOARD,
    },
  },
  { port: env.GATEWAY_PORT, host: env.GATEWAY_HOST },
);
console.log(`gateway at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.stop().finally(() => auditDatabase.stop()));
