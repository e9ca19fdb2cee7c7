import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceDeadlines } from '../src/deadlines/enforceDeadlines.ts';
import { keepRequestContext } from '../src/deadlines/keepRequestContext.ts';
import { setRequestDeadline, withDeadlineScope } from '../src/deadlines/requestDeadline.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/testDatabase.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  // No migrations: these statements need no table.
  database = await createTestDatabase(await mkdtemp(path.join(tmpdir(), 'no-migrations-')));
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  pool.on('error', () => undefined);
  keepRequestContext(pool);
  enforceDeadlines(pool);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** Runs `work` as one request with `ms` to go before its deadline. */
const asRequest = <T>(ms: number, work: () => Promise<T>) =>
  withDeadlineScope(() => {
    setRequestDeadline(Date.now() + ms);
    return work();
  });

describe('deadlines on a pool', () => {
  it("puts the time left on each transaction, as PostgreSQL's own timeouts", async () => {
    const settings = await asRequest(5_000, async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(
          "SELECT current_setting('statement_timeout') AS statement, current_setting('transaction_timeout') AS tx",
        );
        await client.query('ROLLBACK');
        return rows[0] as { statement: string; tx: string };
      } finally {
        client.release();
      }
    });
    for (const value of [settings.statement, settings.tx]) {
      const ms = value.endsWith('ms')
        ? Number(value.slice(0, -2))
        : Number(value.slice(0, -1)) * 1000;
      expect(ms).toBeGreaterThan(3_000);
      expect(ms).toBeLessThanOrEqual(5_000);
    }
  });

  it('sends no statement after the deadline', async () => {
    await expect(
      asRequest(50, async () => {
        await new Promise((resolve) => setTimeout(resolve, 80));
        return pool.query('SELECT 1');
      }),
    ).rejects.toMatchObject({ name: 'DeadlineExceededError', code: '57014' });
  });

  it("runs a statement that waited for a connection under its own request's deadline, not the releaser's", async () => {
    // The only connection is held past the first request's deadline; the second waits for it.
    const first = asRequest(100, () => pool.query('SELECT pg_sleep(0.3)'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = asRequest(10_000, () => pool.query('SELECT 2 AS two'));
    await first;
    expect((await second).rows).toEqual([{ two: 2 }]);
  });

  it('passes statements of work without a deadline as they are', async () => {
    expect((await pool.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]);
  });
});
