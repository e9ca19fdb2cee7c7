import { callerTokenAuthenticator, listenOptions, startSubgraph } from '@sahem/kit';
import { programsEnv, programsInstanceSettings } from './env.ts';
import { programsSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM. One
// process is one agency instance (PROGRAMS_AGENCIES), verifying caller tokens meant for it.
const env = programsEnv();
const { instance, audiences, sketchKey } = programsInstanceSettings(env);
const running = await startSubgraph(
  programsSubgraph({
    authenticate: callerTokenAuthenticator(new URL(env.SAHEM_GATEWAY_JWKS_URL!), {
      audience: audiences,
    }),
    production: env.SAHEM_PRODUCTION,
    instance,
    sketchKey,
  }),
  {
    ...(await listenOptions(env, 'PROGRAMS')),
    databaseUrl: env.PROGRAMS_DATABASE_URL,
    embeddedPort: env.PROGRAMS_PG_PORT,
    dataRoot: env.SAHEM_DATA_DIR,
    log: console.log,
  },
);
console.log(`programs subgraph (instance ${instance.name}) at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.stop());
