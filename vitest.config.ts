import { defineConfig } from 'vitest/config';

// One embedded PostgreSQL server per project run; each test file creates its own database on it.
const globalSetup = ['subgraphs/kit/src/testing/globalSetup.ts'];

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
    ],
  },
});
