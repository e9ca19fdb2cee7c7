/**
 * The subgraphs composed into the national graph, with the URL each is served at by default
 * (`npm start`), recorded in the supergraph. The gateway calls those URLs unless the operator
 * overrides one by name (`GATEWAY_SUBGRAPH_URLS`), or composes a supergraph of its own.
 */
export const SUBGRAPHS = [
  { name: 'volunteers', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'programs', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'indicators', url: 'http://127.0.0.1:4003/graphql' },
] as const;
