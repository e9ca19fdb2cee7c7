import { callerAudience, callerTokenAuthenticator, listenOptions, startSubgraph } from '@sahem/kit';
import { indicatorsEnv } from './env.ts';
import { indicatorsSubgraph } from './server.ts';

// Production entry point: read the environment, listen, stop cleanly on SIGINT/SIGTERM.
const env = indicatorsEnv();
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
    log: console.log,
  },
);
console.log(`indicators subgraph at ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void running.stop());
