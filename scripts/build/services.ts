/** A deployable service: its workspace folder, built to `<dir>/dist/index.js`. */
export interface Service {
  /** `gateway`, `volunteers`, …: also the container image's build target. */
  name: string;
  /** Workspace folder, relative to the repository root. */
  dir: string;
}

/** Every service `npm run build` compiles; each runs as `node <dir>/dist/index.js`. */
export const SERVICES: readonly Service[] = [
  { name: 'gateway', dir: 'gateway' },
  { name: 'volunteers', dir: 'subgraphs/volunteers' },
  { name: 'programs', dir: 'subgraphs/programs' },
  { name: 'indicators', dir: 'subgraphs/indicators' },
];

/**
 * What a service reads at run time besides its bundle, relative to the repository root: the
 * files a production install (`npm ci --omit=dev`) and the container images need. Globs are
 * expanded by `stageBuild`; the Dockerfile copies the same staged folder.
 */
export const RUNTIME_FILES: readonly string[] = [
  'package.json',
  'package-lock.json',
  // npm ci checks every workspace of the lockfile against its package.json.
  'gateway/package.json',
  'client/package.json',
  'subgraphs/kit/package.json',
  'subgraphs/volunteers/package.json',
  'subgraphs/programs/package.json',
  'subgraphs/indicators/package.json',
  'dashboard/package.json',
  // The root package's postinstall; it has nothing to generate in a staged copy.
  'scripts/prismaGenerate.mjs',
  // Run after the production install: drops what no service loads (see the script).
  'scripts/pruneProduction.mjs',
  // The containers' HEALTHCHECK.
  'scripts/healthcheck.mjs',
  // The gateway: the supergraph, the trusted-documents manifest, its migrations.
  'schema/supergraph.graphql',
  // The agency registry and the composed contracts the agency instances are checked against.
  'schema/agencies.json',
  'schema/contracts/**',
  'client/src/__generated__/persisted-documents.json',
  'gateway/migrations/**',
  // The explorer and the dashboard, built by Vite (a dev dependency) before staging.
  'gateway/explorer/dist/**',
  'dashboard/dist/**',
  // Each subgraph: its SDL (served as its schema) and its migrations (applied at start).
  'subgraphs/*/schema.graphql',
  'subgraphs/*/prisma/migrations/**',
];
