import type pg from 'pg';
import { DeadlineExceededError, remainingMs } from './requestDeadline.ts';

type Query = (...args: unknown[]) => unknown;

// PostgreSQL's own clocks stop a transaction that outlives its caller: a statement that runs
// too long, a transaction left idle (the subgraph stalled), and, from PostgreSQL 17, the whole
// transaction, which also stops a COMMIT that reaches a database frozen past the deadline.
// One statement whatever the server's version: the CASE is not evaluated before 17.
const SET_TIMEOUTS = `SELECT set_config('statement_timeout', $1, true),
       set_config('idle_in_transaction_session_timeout', $1, true),
       CASE WHEN current_setting('server_version_num')::int >= 170000
            THEN set_config('transaction_timeout', $1, true) END`;

const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
const COMMIT = /^\s*(COMMIT|END)\b/i;
const ROLLBACK = /^\s*ROLLBACK\b/i;

/**
 * Makes every connection of `pool` keep the deadline of the request that uses it
 * ({@link withDeadlineScope}, set from the caller token's `dl` claim):
 * - each transaction a request opens gets `SET LOCAL statement_timeout`,
 *   `idle_in_transaction_session_timeout` and `transaction_timeout` equal to the time left, so
 *   PostgreSQL aborts it (rolled back, never committed) once nobody waits for it;
 * - no statement is sent once the deadline has passed (a ROLLBACK excepted), a COMMIT
 *   included: the transaction is rolled back instead;
 * - a transaction whose COMMIT or ROLLBACK fails (PostgreSQL ended the session at the
 *   deadline) gives its connection back to the pool as broken, which closes it.
 * Statements of requests without a deadline (seeds, migrations, in-process tests) pass as
 * they are, and no statement is added outside transactions.
 */
export function enforceDeadlines(pool: pg.Pool): void {
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as Query;
    // Overriding the instance method keeps pg's many overloads intact.
    (client as unknown as { query: Query }).query = (...args) => {
      const text = statementText(args[0]);
      const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
      if (!callback && COMMIT.test(text)) {
        // Past the deadline the transaction ends without its COMMIT: dropping the connection
        // rolls it back on the server.
        if (remainingMs() <= 0) {
          const error = new DeadlineExceededError();
          drop(client, error);
          return Promise.reject(error);
        }
        return promised(query, args).catch((error: unknown) => {
          drop(client, error);
          throw error;
        });
      }
      if (!callback && ROLLBACK.test(text)) {
        // A ROLLBACK fails when PostgreSQL has ended the session (a transaction past its
        // deadline): the server has rolled back already, and the connection is dropped.
        return promised(query, args).catch((error: unknown) => {
          drop(client, error);
          return { command: 'ROLLBACK', rowCount: 0, rows: [], fields: [] };
        });
      }
      const remaining = remainingMs();
      // Cursors and streams (submittables) are not ours to hold back.
      if (remaining === Number.POSITIVE_INFINITY || isSubmittable(args[0])) return query(...args);
      if (remaining <= 0) return refuse(callback);
      if (!BEGIN.test(text)) return query(...args);
      const begun = promised(query, callback ? args.slice(0, -1) : args).then(async (result) => {
        const left = Math.ceil(remainingMs());
        // Past the deadline already: the next statement is refused and the transaction ends.
        if (left > 0) await query(SET_TIMEOUTS, [String(left)]);
        return result;
      });
      if (!callback) return begun;
      begun.then(
        (result) => callback(undefined, result),
        (error: unknown) => callback(error, undefined),
      );
      return undefined;
    };
  });
}

type Callback = (error: unknown, result: unknown) => void;

/**
 * Returns a connection whose transaction ended badly to the pool as broken, so the pool closes
 * it. Prisma's transaction manager (6.19) releases a connection only after a COMMIT or
 * ROLLBACK that succeeded: without this, every transaction PostgreSQL ends at its deadline
 * would keep a connection checked out forever, and the pool would run dry. A later release of
 * the same checkout (should Prisma make one) does nothing.
 */
function drop(client: pg.PoolClient, error: unknown): void {
  const release = client.release.bind(client);
  client.release = () => undefined;
  release(error instanceof Error ? error : new Error(String(error)));
}

function promised(query: Query, args: unknown[]): Promise<unknown> {
  return Promise.resolve(query(...args));
}

function refuse(callback: Callback | undefined): Promise<never> | undefined {
  const error = new DeadlineExceededError();
  if (!callback) return Promise.reject(error);
  process.nextTick(() => callback(error, undefined));
  return undefined;
}

function isSubmittable(config: unknown): boolean {
  return typeof (config as { submit?: unknown } | null)?.submit === 'function';
}

function statementText(config: unknown): string {
  if (typeof config === 'string') return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}
