/**
 * The subgraphs composed into the national graph, with the URL each is served at by default.
 * The gateway overrides each URL from `<NAME>_URL` (`VOLUNTEERS_URL`, …).
 */
export const SUBGRAPHS = [
  { name: 'volunteers', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'programs', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'indicators', url: 'http://127.0.0.1:4003/graphql' },
] as const;
