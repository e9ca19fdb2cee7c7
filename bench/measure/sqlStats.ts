import pg from 'pg';

/**
 * What the subgraphs' cluster is started with under `--sql-stats`: PostgreSQL's own account of
 * the statements it runs, normalised (constants as `$1`), so a run can say which SQL took its
 * time without a profiler inside PostgreSQL. Client statements only (`track=top`): the
 * functions the triggers call are counted in the statement that fired them.
 */
export const SQL_STATS_SETTINGS = [
  'shared_preload_libraries=pg_stat_statements',
  'pg_stat_statements.track=top',
  'pg_stat_statements.max=5000',
];

/** One normalised statement's share of a run. */
export interface SqlStat {
  database: string;
  callsPerRequest: number;
  /** Execution time (wall, inside PostgreSQL) per request of the run. */
  msPerRequest: number;
  meanMs: number;
  /** The normalised text, whitespace folded, cut to 2,000 characters. */
  query: string;
}

/** Reading and resetting `pg_stat_statements` of one cluster. */
export interface SqlStats {
  reset(): Promise<void>;
  /** The `limit` statements of most execution time since the reset, per request of `requests`. */
  top(requests: number, limit?: number): Promise<SqlStat[]>;
  close(): Promise<void>;
}

/** Opens `url` (the cluster's `postgres` database) and creates the extension there. */
export async function openSqlStats(url: string): Promise<SqlStats> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    reset: async () => {
      await client.query('SELECT pg_stat_statements_reset()');
    },
    top: async (requests, limit = 6) => {
      const { rows } = await client.query<{
        database: string;
        calls: number;
        total: number;
        mean: number;
        query: string;
      }>(
        `SELECT d.datname AS database, s.calls::float8 AS calls, s.total_exec_time AS total,
                s.mean_exec_time AS mean, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 2000) AS query
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE s.query NOT LIKE '%pg_stat_statements%'
          ORDER BY s.total_exec_time DESC
          LIMIT $1`,
        [limit],
      );
      const per = (value: number) => (requests > 0 ? value / requests : 0);
      return rows.map((row) => ({
        database: row.database,
        callsPerRequest: per(row.calls),
        msPerRequest: per(row.total),
        meanMs: row.mean,
        query: row.query,
      }));
    },
    close: () => client.end(),
  };
}
