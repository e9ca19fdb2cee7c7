import path from 'node:path';
import {
  databaseUrl,
  flag,
  listenVariables,
  port,
  operationsVariables,
  text,
  readEnv,
  url,
  type EnvSource,
} from '@sahem/kit';

/** Configuration of the indicators subgraph; see the README for every variable. */
export function indicatorsEnv(source?: EnvSource) {
  return readEnv(
    {
      ...listenVariables('INDICATORS', 4003, 'the indicators subgraph'),
      INDICATORS_DATABASE_URL: databaseUrl(
        'PostgreSQL of the indicators subgraph; unset: embedded',
      ),
      INDICATORS_PG_PORT: port(5435, 'port of the embedded PostgreSQL of the indicators subgraph'),
      SAHEM_GATEWAY_JWKS_URL: url(
        'http://127.0.0.1:4000/.well-known/jwks.json',
        "the gateway's public keys, which sign the caller token of every request",
      ),
      SAHEM_DATA_DIR: text(
        path.resolve('.data'),
        'folder of the embedded PostgreSQL data (development)',
      ),
      ...operationsVariables(),
      SAHEM_PRODUCTION: flag(false, 'mask internal errors'),
    },
    source,
  );
}
