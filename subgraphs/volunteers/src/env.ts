import path from 'node:path';
import {
  databaseUrl,
  flag,
  listenVariables,
  operationsVariables,
  port,
  readEnv,
  url,
  text,
  type EnvSource,
} from '@sahem/kit';

/** Configuration of the volunteers subgraph; see the README for every variable. */
export function volunteersEnv(source?: EnvSource) {
  return readEnv(
    {
      ...listenVariables('VOLUNTEERS', 4001, 'the volunteers subgraph'),
      VOLUNTEERS_DATABASE_URL: databaseUrl(
        'PostgreSQL of the volunteers subgraph; unset: embedded',
      ),
      VOLUNTEERS_PG_PORT: port(5433, 'port of the embedded PostgreSQL of the volunteers subgraph'),
      VOLUNTEERS_NATIONAL_ID_SALT: text(
        'sahem-development-salt',
        'secret salt of the national-id hash; set a long random value in production',
      ),
      SAHEM_GATEWAY_JWKS_URL: url(
        'http://127.0.0.1:4000/.well-known/jwks.json',
        "the gateway's public keys, which sign the caller token of every request",
      ),
      SAHEM_DATA_DIR: text(
        path.resolve('.data'),
        'folder of the embedded PostgreSQL data (development)',
      ),
      ...operationsVariables(),
      SAHEM_PRODUCTION: flag(false, 'mask internal errors and refuse development defaults'),
    },
    source,
  );
}

export type VolunteersEnv = ReturnType<typeof volunteersEnv>;
