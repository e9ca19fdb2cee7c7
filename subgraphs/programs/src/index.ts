import { callerAudience, callerTokenAuthenticator, listenOptions, startSubgraph } from '@sahem/kit';
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
    ...(await listenOptions(env, 'PROGRAMS')),
    databaseUrl: env.PROGRAMS_DATABASE_URL,
    embeddedPort: env.PROGRAMS_PG_PORT,
    dataRoot: env.SAHEM_DATA_DIR,
    log: console.log,
  },
);
console.log(`programs subgraph at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.stop());
