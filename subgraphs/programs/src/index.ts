import { callerAudience, callerTokenAuthenticator, startSubgraph, stopOnSignals } from '@sahem/kit';
import { programsEnv } from './env.ts';
import { programsSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = programsEnv();
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
    log: console.log,
  },
);
console.log(`programs subgraph at ${running.url}`);
stopOnSignals((shutdown) => running.stop(shutdown), {
  drainMs: env.SAHEM_SHUTDOWN_DRAIN_MS,
  timeoutMs: env.SAHEM_SHUTDOWN_TIMEOUT_MS,
});
