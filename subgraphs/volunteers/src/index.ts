import {
  createLogger,
  callerAudience,
  callerTokenAuthenticator,
  listenOptions,
  startSubgraph,
  startTracing,
  stopOnSignals,
} from '@sahem/kit';
import { volunteersEnv } from './env.ts';
import { volunteersSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = volunteersEnv();
// First, so everything after it is traced when OTEL_* configures an exporter.
const tracing = startTracing({ serviceName: 'volunteers' });
const running = await startSubgraph(
  volunteersSubgraph({
    authenticate: callerTokenAuthenticator(new URL(env.SAHEM_GATEWAY_JWKS_URL!), {
      audience: callerAudience('volunteers'),
    }),
    nationalIdSalt: env.VOLUNTEERS_NATIONAL_ID_SALT,
    production: env.SAHEM_PRODUCTION,
  }),
  {
    ...(await listenOptions(env, 'VOLUNTEERS')),
    databaseUrl: env.VOLUNTEERS_DATABASE_URL,
    embeddedPort: env.VOLUNTEERS_PG_PORT,
    dataRoot: env.SAHEM_DATA_DIR,
    readyTimeoutMs: env.SAHEM_READY_TIMEOUT_MS,
    metrics: env.SAHEM_METRICS,
    logger: createLogger({ service: 'volunteers', level: env.SAHEM_LOG_LEVEL }),
    log: console.log,
  },
);
console.log(`volunteers subgraph at ${running.url}`);
stopOnSignals((shutdown) => running.stop(shutdown).finally(() => tracing.shutdown()), {
  drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
  timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
});
