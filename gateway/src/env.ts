import { fileURLToPath } from 'node:url';
import { flag, port, positiveInt, readEnv, text, url, type EnvSource } from '@sahem/kit';
import { SUBGRAPHS } from '../../schema/subgraphs.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);

/** `VOLUNTEERS_URL`, `PROGRAMS_URL`, …: where the gateway reaches each subgraph. */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase()}_URL`;
}

/** Configuration of the gateway; see the README for every variable. */
export function gatewayEnv(source: EnvSource = process.env) {
  const env = readEnv(
    {
      GATEWAY_PORT: port(4000, 'HTTP port of the gateway'),
      GATEWAY_HOST: text('127.0.0.1', 'interface the gateway listens on (0.0.0.0 for all)'),
      GATEWAY_SUPERGRAPH_PATH: text(
        DEFAULT_SUPERGRAPH,
        'supergraph SDL file, reloaded when it changes',
      ),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: positiveInt(10_000, 'timeout of one subgraph request'),
      SAHEM_PRODUCTION: flag(
        false,
        'mask internal errors, disable introspection and the landing page',
      ),
    },
    source,
  );
  const subgraphUrls = readEnv(
    Object.fromEntries(
      SUBGRAPHS.map(({ name, url: defaultUrl }) => [
        subgraphUrlVariable(name),
        url(defaultUrl, `GraphQL endpoint of the ${name} subgraph`),
      ]),
    ),
    source,
  );
  return Object.freeze({
    ...env,
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [name, subgraphUrls[subgraphUrlVariable(name)] as string]),
    ),
  });
}

export type GatewayEnv = ReturnType<typeof gatewayEnv>;
