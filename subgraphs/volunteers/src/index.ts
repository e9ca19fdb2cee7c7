import { callerAudience, callerTokenAuthenticator, listenOptions, startSubgraph } from '@sahem/kit';
import { volunteersEnv } from './env.ts';
import { volunteersSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = volunteersEnv();
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
    log: console.log,
  },
);
console.log(`volunteers subgraph at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.stop());
