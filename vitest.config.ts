import { defineConfig } from 'vitest/config';

// One embedded PostgreSQL server per project run; each test file creates its own database on it.
const globalSetup = ['subgraphs/kit/src/testing/globalSetup.ts'];

// Tests written against the single store that must hold unchanged on the per-agency layout.
const AGENCY_LAYOUT_FILES = [
  'gateway/test/scenarios.e2e.ts',
  'gateway/test/indicators-scenarios.e2e.ts',
  'gateway/test/authorization-matrix.e2e.ts',
  'gateway/test/row-level.e2e.ts',
  'gateway/test/n-plus-one.e2e.ts',
  'client/test/client.e2e.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/test/**/*.test.ts'],
          // Vite gives our files graphql's ESM build and Node gives graphql-inspector the CJS one:
          // two graphql instances whose schemas fail each other's instanceof checks. Bundling
          // inspector through Vite makes it share ours (tsx, outside tests, has one instance).
          server: { deps: { inline: ['@graphql-inspector/core'] } },
          exclude: ['**/node_modules/**'],
          globalSetup,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/test/**/*.e2e.ts'],
          exclude: ['**/node_modules/**'],
          // The browser tests need the explorer's and the dashboard's bundles.
          globalSetup: [...globalSetup, 'gateway/test/support/buildWebAppsSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // The acceptance scenarios, the authorization matrix, the row rules and the N+1 check
          // again, unchanged, on one programs instance per agency, each over its own database:
          // the routed graph must answer as the single store does and be exactly as strict.
          name: 'e2e-per-agency',
          include: AGENCY_LAYOUT_FILES,
          exclude: ['**/node_modules/**'],
          env: { SAHEM_TEST_AGENCIES: 'per-agency' },
          globalSetup,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
