import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createDatabase, type Database } from '@sahem/kit';
import {
  createTestDatabase,
  runOperation,
  type TestDatabase,
  callers,
  refuseHttpCallers,
} from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { createServer, INDICATORS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(INDICATORS_DIR, 'prisma', 'migrations');

/** The instant every test server takes for "now": the last day of 2026-Q2. */
export const NOW = new Date('2026-06-30T12:00:00Z');

/** The result of one operation, as `runOperation` returns it. */
export type OperationResult = Awaited<ReturnType<typeof runOperation>>;

/** The test file's indicators subgraph: its own migrated database and a started server on it. */
export interface IndicatorsSubgraph {
  readonly db: Database<PrismaClient>;
  /** Runs one operation through the server, with a fresh per-request context. */
  run(query: string, variables?: Record<string, unknown>): Promise<OperationResult>;
}

/**
 * Gives the calling test file a migrated indicators database (catalogue and valuation table
 * 2025.1 included) and a server on it whose clock reads {@link NOW}; both go away afterwards.
 */
export function useIndicatorsSubgraph(): IndicatorsSubgraph {
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
    if (!db || !server) throw new Error('the indicators subgraph starts in beforeAll');
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

/** Runs an operation that must succeed and returns its only root field. */
export async function succeed<T = any>(
  subgraph: Pick<IndicatorsSubgraph, 'run'>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await subgraph.run(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as T;
}
