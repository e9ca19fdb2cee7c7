import {
  createLogger,
  callerAudience,
  callerTokenAuthenticator,
  startSubgraph,
  startTracing,
  stopOnSignals,
} from '@sahem/kit';
import { programsEnv } from './env.ts';
import { programsSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = programsEnv();
// First, so everything after it is traced when OTEL_* configures an exporter.
const tracing = startTracing({ serviceName: 'programs' });
const running = await startSubgraph(
  programsSubgraph({
    authenticate: callerTokenAuthenticator(new URL(env.SAHEM_GATEWAY_JWKS_URL!), {
      audience: callerAudience('programs'),
    }),
    production: env.SAHEM_PRODUCTION,
  }),
  {
    port: env.PROGRAMS_PORT,
    databaseUrl: env.PROGRAMS_DATABASE_URL,
    embeddedPort: env.PROGRAMS_PG_PORT,
    readyTimeoutMs: env.SAHEM_READY_TIMEOUT_MS,
    metrics: env.SAHEM_METRICS,
    logger: createLogger({ service: 'programs', level: env.SAHEM_LOG_LEVEL }),
    log: console.log,
  },
);
console.log(`programs subgraph at ${running.url}`);
stopOnSignals((shutdown) => running.stop(shutdown).finally(() => tracing.shutdown()), {
  drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
  timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
});
