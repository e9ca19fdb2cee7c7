import path from 'node:path';
import { refuseHttpCallers, useTestSubgraph, type TestSubgraph } from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { createServer, PROGRAMS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(PROGRAMS_DIR, 'prisma', 'migrations');

/** The instant every test server takes for "now". */
export const NOW = new Date('2026-06-15T10:00:00Z');
/** The day of {@link NOW}, as the `Date` scalar writes it. */
export const TODAY = '2026-06-15';

export type { OperationResult } from '@sahem/kit/testing';

/** The test file's programs subgraph: its own migrated database and a started server on it. */
export type ProgramsSubgraph = TestSubgraph<PrismaClient>;

/**
 * Gives the calling test file an empty, migrated programs database and a server on it whose
 * clock reads {@link NOW}; both go away after the file's tests.
 */
export function useProgramsSubgraph(): ProgramsSubgraph {
  return useTestSubgraph({
    name: 'programs',
    migrationsDir: MIGRATIONS,
    PrismaClient,
    createServer: (db) =>
      createServer({
        authenticate: refuseHttpCallers,
        db,
        production: false,
        now: () => new Date(NOW),
      }),
  });
}
