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

// Tests whose assertions bound wall time (deadlines, breaker cooldowns, readiness within 2.5 s,
// freezes timed against thaws, drains under load): they run last, one file at a time, so no
// other test file competes with them for the two cores.
const TIMING_FILES = [
  'gateway/test/hung-subgraph.e2e.ts',
  'gateway/test/deadline-frozen-database.e2e.ts',
  'gateway/test/shutdown-under-load.e2e.ts',
  'gateway/test/reload-under-load.e2e.ts',
  'gateway/test/readiness.e2e.ts',
  'gateway/test/agency-coverage.e2e.ts',
  'gateway/test/gateway-workers.e2e.ts',
];

// Every other file runs two at a time: the end-to-end files spend most of their time waiting on
// the processes they start, and with one worker (Vitest's default on two cores) the suite took
// 18 minutes. The files of a worker share one module graph instead of importing Prisma, graphql
// and Apollo afresh each: importing was 165 of the unit project's 358 s. No test file mocks
// modules, stubs globals or sets the environment, so nothing leaks from one file to the next.
// Projects sharing a group must share its worker count.
const PARALLEL = { maxWorkers: 2, isolate: false, sequence: { groupOrder: 0 } };

// The end-to-end projects start whole graphs: a test and its hooks get longer than a unit's.
const E2E_TIMEOUTS = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/test/**/*.test.ts'],
          ...PARALLEL,
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
          exclude: ['**/node_modules/**', ...TIMING_FILES],
          ...PARALLEL,
          // The browser tests need the explorer's and the dashboard's bundles.
          globalSetup: [...globalSetup, 'gateway/test/support/buildWebAppsSetup.ts'],
          ...E2E_TIMEOUTS,
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
          ...PARALLEL,
          globalSetup,
          ...E2E_TIMEOUTS,
        },
      },
      {
        test: {
          name: 'e2e-timing',
          include: TIMING_FILES,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          // None of them opens the explorer or the dashboard: no bundles to check or build.
          globalSetup,
          ...E2E_TIMEOUTS,
        },
      },
    ],
  },
});
