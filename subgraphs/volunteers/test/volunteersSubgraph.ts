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
import { createServer, VOLUNTEERS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(VOLUNTEERS_DIR, 'prisma', 'migrations');

/** The result of one operation, as `runOperation` returns it. */
export type OperationResult = Awaited<ReturnType<typeof runOperation>>;

/** A started volunteers server and the database it reads. */
export interface VolunteersServer {
  db: Database<PrismaClient>;
  /** Runs one operation through the server, with a fresh per-request context. */
  run(query: string, variables?: Record<string, unknown>): Promise<OperationResult>;
  stop(): Promise<void>;
}

/** Options of {@link startVolunteersServer}. */
export interface VolunteersServerOptions {
  /** @default false */
  production?: boolean;
}

/** Starts a volunteers server on the database at `url`, with its own connection pool. */
export async function startVolunteersServer(
  url: string,
  options: VolunteersServerOptions = {},
): Promise<VolunteersServer> {
  const db = createDatabase(PrismaClient, { url });
  const server = createServer({
    authenticate: refuseHttpCallers,
    db,
    nationalIdSalt: 'test-salt',
    production: options.production ?? false,
  });
  await server.apollo.start();
  return {
    db,
    run: async (query, variables) =>
      runOperation(
        server.apollo,
        { query, variables },
        await server.context(undefined, callers.admin),
      ),
    stop: async () => {
      await server.apollo.stop();
      await db.close();
    },
  };
}

/** The test file's volunteers subgraph: its own migrated database, usable once `beforeAll` ran. */
export interface VolunteersSubgraph extends Omit<VolunteersServer, 'stop'> {
  /** Connection string of the test file's database. */
  readonly url: string;
}

/**
 * Gives the calling test file a database of its own (migrated, so the ISCO-08 catalogue is
 * there) and a started server on it; both are dropped after the file's tests.
 */
export function useVolunteersSubgraph(options: VolunteersServerOptions = {}): VolunteersSubgraph {
  let database: TestDatabase | undefined;
  let server: VolunteersServer | undefined;
  const started = () => {
    if (!database || !server) throw new Error('the volunteers subgraph starts in beforeAll');
    return { database, server };
  };

  beforeAll(async () => {
    database = await createTestDatabase(MIGRATIONS);
    server = await startVolunteersServer(database.url, options);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  return {
    get url() {
      return started().database.url;
    },
    get db() {
      return started().server.db;
    },
    run: (query, variables) => started().server.run(query, variables),
  };
}
