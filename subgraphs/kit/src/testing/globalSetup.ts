import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embeddedPostgres.ts';

/**
 * Vitest global setup: one embedded PostgreSQL server for the whole run, on a free port, with
 * its data in a throw-away folder; every test file makes its own database on it.
 * `TEST_DATABASE_ADMIN_URL` points the tests at an existing server instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return async () => undefined;
  }
  const server = await startEmbeddedPostgres({
    // Each vitest project runs its own setup in the same process: name the folder after both.
    dataDir: path.resolve('.data', `test-${process.pid}-${project.name || 'default'}`),
    port: 0,
    ephemeral: true,
  });
  project.provide('pgAdminUrl', server.url('postgres'));
  return () => server.stop();
}
