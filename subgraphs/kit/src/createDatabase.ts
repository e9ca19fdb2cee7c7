import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { enforceDeadlines } from './deadlines/enforceDeadlines.ts';
import { keepRequestContext } from './deadlines/keepRequestContext.ts';
import { attachPool } from './queryRows.ts';
import { countSqlStatements, type SqlStatementCounter } from './sqlStatements.ts';
import { tracingEnabled } from './tracing/startTracing.ts';
import { traceSqlStatements } from './tracing/traceSqlStatements.ts';

/** The Prisma client constructor of one subgraph, generated into its `src/__generated__`. */
export type PrismaClientClass<Client> = new (options: {
  adapter: PrismaPg;
  transactionOptions?: { maxWait?: number; timeout?: number };
}) => Client;

/** A subgraph's connection to its own database. */
export interface Database<Client> {
  prisma: Client;
  pool: pg.Pool;
  statements: SqlStatementCounter;
  close(): Promise<void>;
}

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  url: string;
  /** Connections kept by the pool. @default 10 */
  poolSize?: number;
}

/**
 * Connects a subgraph's Prisma client to PostgreSQL through `@prisma/adapter-pg` over a pool we
 * own, so statements can be counted and the pool closed deterministically on shutdown.
 */
export function createDatabase<Client extends { $disconnect(): Promise<void> }>(
  PrismaClient: PrismaClientClass<Client>,
  options: DatabaseOptions,
): Database<Client> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Prisma's adapter writes timestamps as UTC wall-clock text: a session in another time zone
    // (inherited from the server's machine) would store them shifted.
    options: '-c TimeZone=UTC',
  });
  // A connection dropped by the server (restart, shutdown, Ctrl-C reaching PostgreSQL first)
  // must not crash the process, idle or checked out: the query in flight fails on its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  keepRequestContext(pool);
  const statements = countSqlStatements(pool);
  // After the counter, so the statements it adds (one per transaction) are counted too.
  enforceDeadlines(pool);
  // Outermost, so each span covers the statement as the request sent it; only when tracing.
  if (tracingEnabled()) traceSqlStatements(pool, new URL(options.url).pathname.slice(1));
  // Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a busy moment into
  // an internal error; a mutation here is a handful of statements, so allow more slack.
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
  // Hot read paths may bypass Prisma for this pool (`queryRows`).
  attachPool(prisma, pool);
  let closing: Promise<void> | undefined;
  return {
    prisma,
    pool,
    statements,
    close: () =>
      (closing ??= (async () => {
        await prisma.$disconnect();
        if (!pool.ended) await pool.end();
      })()),
  };
}
