import type { ApolloServer, BaseContext } from '@apollo/server';
import { afterAll, beforeAll } from 'vitest';
import type { Caller } from '../auth/caller.ts';
import { createDatabase, type Database, type PrismaClientClass } from '../createDatabase.ts';
import { callers } from './callers.ts';
import { runOperation } from './runOperation.ts';
import { createTestDatabase, type TestDatabase } from './testDatabase.ts';

/** The result of one operation, as `runOperation` returns it. */
export type OperationResult = Awaited<ReturnType<typeof runOperation>>;

/** A test file's subgraph: its own migrated database and a started server on it. */
export interface TestSubgraph<Client> {
  readonly db: Database<Client>;
  /** Runs one operation through the server with a fresh context (as a platform admin by default). */
  run(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<OperationResult>;
}

/** What {@link useTestSubgraph} needs to know of a subgraph. */
export interface TestSubgraphOptions<Client, TContext extends BaseContext> {
  /** Used in the error thrown when the subgraph is used before `beforeAll`. */
  name: string;
  migrationsDir: string;
  PrismaClient: PrismaClientClass<Client>;
  createServer(db: Database<Client>): {
    apollo: ApolloServer<TContext>;
    context(req: undefined, caller: Caller): Promise<TContext>;
  };
}

/**
 * Gives the calling test file a migrated database of its own and a started server on it, both
 * created in `beforeAll` and dropped in `afterAll`; operations run in process.
 */
export function useTestSubgraph<
  Client extends { $disconnect(): Promise<void> },
  TContext extends BaseContext,
>(options: TestSubgraphOptions<Client, TContext>): TestSubgraph<Client> {
  let database: TestDatabase | undefined;
  let db: Database<Client> | undefined;
  let server: ReturnType<TestSubgraphOptions<Client, TContext>['createServer']> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(options.migrationsDir);
    db = createDatabase(options.PrismaClient, { url: database.url });
    server = options.createServer(db);
    await server.apollo.start();
  });
  afterAll(async () => {
    await server?.apollo.stop();
    await db?.close();
    await database?.drop();
  });

  const started = () => {
    if (!db || !server) throw new Error(`the ${options.name} subgraph starts in beforeAll`);
    return { db, server };
  };
  return {
    get db() {
      return started().db;
    },
    run: async (query, variables, caller = callers.admin) => {
      const { server } = started();
      return runOperation(
        server.apollo,
        { query, variables },
        await server.context(undefined, caller),
      );
    },
  };
}
