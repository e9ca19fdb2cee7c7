import pg from 'pg';

/** Whether a database answers, checked on a connection of its own. */
export interface DatabaseProbe {
  /** `ok`, or why not: `timeout` (no answer within the bound) or `unreachable`. */
  check(): Promise<'ok' | 'timeout' | 'unreachable'>;
  close(): Promise<void>;
}

/**
 * Asks PostgreSQL `SELECT 1` over a one-connection pool apart from the service's own, so a
 * probe neither waits behind a busy pool nor takes a connection from the requests, and answers
 * within `timeoutMs` whatever the database does: a frozen one leaves the probe's connection
 * stuck, and the next probe then fails on its connection timeout instead of queueing.
 */
export function databaseProbe(url: string, timeoutMs: number): DatabaseProbe {
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    // A probe that got its answer keeps no session open on the database.
    idleTimeoutMillis: 1_000,
  });
  pool.on('error', () => undefined);
  return {
    async check() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const answer = pool.query('SELECT 1').then(
        () => 'ok' as const,
        (error: Error) =>
          /timeout/i.test(error.message) ? ('timeout' as const) : ('unreachable' as const),
      );
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    // A connection stuck on a frozen database would hold `end()` open: stop waiting for it.
    close: () =>
      Promise.race([pool.end(), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]),
  };
}
