import type pg from 'pg';

/**
 * A transaction left open this long without a statement (a seeder stuck between two chunks) is
 * ended by PostgreSQL, which rolls it back: the database is never left locked by a dead seed.
 * Seeding several stores at once, a store that has finished waits idle, in its transaction,
 * for the others' last step: at the national size the single store's rollups rebuild takes
 * minutes (5 minutes killed the waiting agency stores' sessions in the bench), so the bound is
 * well above that.
 */
const IDLE_LIMIT = '30min';

/**
 * Runs `work` in one transaction on a connection of `pool`: committed when it resolves, rolled
 * back when it throws, so a seed that fails half-way leaves the database as it was. The seeders
 * need the raw connection (COPY), which Prisma's interactive transactions do not give.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${IDLE_LIMIT}'`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed ROLLBACK means the session is gone, and the server has rolled back already.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
