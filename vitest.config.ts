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
          globalSetup,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
