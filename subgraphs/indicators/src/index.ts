import {
  createLogger,
  callerAudience,
  callerTokenAuthenticator,
  listenOptions,
  startSubgraph,
  startTracing,
  stopOnSignals,
} from '@sahem/kit';
import { indicatorsEnv } from './env.ts';
import { indicatorsSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = indicatorsEnv();
// First, so everything after it is traced when OTEL_* configures an exporter.
const tracing = startTracing({ serviceName: 'indicators' });
const running = await startSubgraph(
  indicatorsSubgraph({
    authenticate: callerTokenAuthenticator(new URL(env.SAHEM_GATEWAY_JWKS_URL!), {
      audience: callerAudience('indicators'),
    }),
    production: env.SAHEM_PRODUCTION,
  }),
  {
    ...(await listenOptions(env, 'INDICATORS')),
    databaseUrl: env.INDICATORS_DATABASE_URL,
    embeddedPort: env.INDICATORS_PG_PORT,
    dataRoot: env.SAHEM_DATA_DIR,
    readyTimeoutMs: env.SAHEM_READY_TIMEOUT_MS,
    metrics: env.SAHEM_METRICS,
    logger: createLogger({ service: 'indicators', level: env.SAHEM_LOG_LEVEL }),
    log: console.log,
  },
);
console.log(`indicators subgraph at ${running.url}`);
stopOnSignals((shutdown) => running.stop(shutdown).finally(() => tracing.shutdown()), {
  drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
  timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
});
