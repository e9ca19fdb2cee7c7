import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type Database } from '@sahem/kit';
import {
  createTestDatabase,
  runOperation,
  type TestDatabase,
  callers,
  refuseHttpCallers,
} from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { createServer, PROGRAMS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(PROGRAMS_DIR, 'prisma', 'migrations');

/** The instant every test server takes for "now". */
export const NOW = new Date('2026-06-15T10:00:00Z');
/** The day of {@link NOW}, as the `Date` scalar writes it. */
export const TODAY = '2026-06-15';

/** The result of one operation, as `runOperation` returns it. */
export type OperationResult = Awaited<ReturnType<typeof runOperation>>;

/** The test file's programs subgraph: its own migrated database and a started server on it. */
export interface ProgramsSubgraph {
  readonly db: Database<PrismaClient>;
  /** Runs one operation through the server, with a fresh per-request context. */
  run(query: string, variables?: Record<string, unknown>): Promise<OperationResult>;
}

/**
 * Gives the calling test file an empty, migrated programs database and a server on it whose
 * clock reads {@link NOW}; both go away after the file's tests.
 */
export function useProgramsSubgraph(): ProgramsSubgraph {
  let database: TestDatabase | undefined;
  let db: Database<PrismaClient> | undefined;
  let server: ReturnType<typeof createServer> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(MIGRATIONS);
    db = createDatabase(PrismaClient, { url: database.url });
    server = createServer({
      authenticate: refuseHttpCallers,
      db,
      production: false,
      now: () => new Date(NOW),
    });
    await server.apollo.start();
  });
  afterAll(async () => {
    await server?.apollo.stop();
    await db?.close();
    await database?.drop();
  });

  const started = () => {
    if (!db || !server) throw new Error('the programs subgraph starts in beforeAll');
    return { db, server };
  };
  return {
    get db() {
      return started().db;
    },
    run: async (query, variables) => {
      const { server } = started();
      return runOperation(
        server.apollo,
        { query, variables },
        await server.context(undefined, callers.admin),
      );
    },
  };
}
