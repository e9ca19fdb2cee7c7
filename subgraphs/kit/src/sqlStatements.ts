import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/** Counts the SQL statements sent through one pool, in total and per request. */
export interface SqlStatementCounter {
  /** Statements sent since the pool was created. */
  readonly total: number;
  /** Runs `work` with its own count; every statement it causes (awaited or not) is counted. */
  track<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }>;
  /** Statements counted so far by the innermost `track` around the caller, if any. */
  current(): number | undefined;
}

/**
 * Wraps `pool` so that every statement it sends is counted. The per-request count follows the
 * request through async hops (DataLoader batches, Prisma's driver adapter) by way of
 * `AsyncLocalStorage`. This is how the N+1 tests see what a query really costs.
 */
export function countSqlStatements(pool: pg.Pool): SqlStatementCounter {
  const scope = new AsyncLocalStorage<{ count: number }>();
  let total = 0;
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // Overriding the instance method keeps pg's many overloads intact.
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
      total += 1;
      const store = scope.getStore();
      if (store) store.count += 1;
      return query(...args);
    };
  });
  return {
    get total() {
      return total;
    },
    async track(work) {
      const store = { count: 0 };
      const result = await scope.run(store, work);
      return { result, statements: store.count };
    },
    current: () => scope.getStore()?.count,
  };
}
