import {
  operationsVariables,
  databaseUrl,
  flag,
  port,
  readEnv,
  url,
  type EnvSource,
} from '@sahem/kit';

/** Configuration of the programs subgraph; see the README for every variable. */
export function programsEnv(source?: EnvSource) {
  return readEnv(
    {
      PROGRAMS_PORT: port(4002, 'HTTP port of the programs subgraph'),
      PROGRAMS_DATABASE_URL: databaseUrl('PostgreSQL of the programs subgraph; unset: embedded'),
      PROGRAMS_PG_PORT: port(5434, 'port of the embedded PostgreSQL of the programs subgraph'),
      SAHEM_GATEWAY_JWKS_URL: url(
        'http://127.0.0.1:4000/.well-known/jwks.json',
        "the gateway's public keys, which sign the caller token of every request",
      ),
      ...operationsVariables(),
      SAHEM_PRODUCTION: flag(false, 'mask internal errors'),
    },
    source,
  );
}
