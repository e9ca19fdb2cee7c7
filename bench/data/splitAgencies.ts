import pg from 'pg';

/**
 * Tables the split knows: the records, in the order rows must be deleted (children first), and
 * what is derived from them (the period aggregates, the participants' cells), made right after.
 */
const KNOWN = [
  'HourLog',
  'Participation',
  'Program',
  'Agency',
  'ParticipationMonth',
  'ParticipantCell',
] as const;

/**
 * Makes a copy of a seeded programs database that holds one agency's records only, as that
 * agency's own instance would: `CREATE DATABASE … TEMPLATE` (a file copy, much faster than
 * seeding again), then every other agency's rows deleted, children first. Another table with
 * rows is split by its `agencyCode` or `programId` column; one with neither stops the bench
 * rather than leave another agency's figures in this agency's store (a new aggregate table must
 * be taught here). The source database must have no open connection.
 */
export async function splitAgency(
  adminUrl: string,
  source: string,
  target: string,
  agencyCode: string,
  targetUrl: string,
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Autovacuum may be visiting the freshly seeded source: retry while it is "being accessed".
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${target}" TEMPLATE "${source}"`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: targetUrl });
  await db.connect();
  try {
    const tables = await db.query<{ table: string; columns: string[] }>(
      `SELECT c.relname AS table, array_agg(a.attname::text) AS columns
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
        GROUP BY c.relname`,
    );
    await db.query('BEGIN');
    for (const { table, columns } of tables.rows) {
      if ((KNOWN as readonly string[]).includes(table)) continue;
      const { rows } = await db.query(`SELECT 1 FROM "${table}" LIMIT 1`);
      if (rows.length === 0) continue;
      if (columns.includes('agencyCode')) {
        await db.query(`DELETE FROM "${table}" WHERE "agencyCode" <> $1`, [agencyCode]);
      } else if (columns.includes('programId')) {
        await db.query(
          `DELETE FROM "${table}" WHERE "programId" IN (SELECT id FROM "Program" WHERE "agencyCode" <> $1)`,
          [agencyCode],
        );
      } else {
        throw new Error(
          `bench/data/splitAgencies.ts cannot tell which agency owns the rows of "${table}": teach it`,
        );
      }
    }
    await db.query(
      `DELETE FROM "HourLog" WHERE "participationId" IN (
         SELECT pa.id FROM "Participation" pa JOIN "Program" p ON p.id = pa."programId"
          WHERE p."agencyCode" <> $1)`,
      [agencyCode],
    );
    await db.query(
      `DELETE FROM "Participation" WHERE "programId" IN (SELECT id FROM "Program" WHERE "agencyCode" <> $1)`,
      [agencyCode],
    );
    await db.query(`DELETE FROM "Program" WHERE "agencyCode" <> $1`, [agencyCode]);
    await db.query(`DELETE FROM "Agency" WHERE code <> $1`, [agencyCode]);
    // The triggers kept the month rows through the deletes; a rebuild makes sure of it.
    await db.query('SELECT "rebuild_participation_months"()');
    // Cells of volunteers left with no participation here, as the cell sync leaves them.
    await db.query(
      `DELETE FROM "ParticipantCell" c WHERE NOT EXISTS (
         SELECT 1 FROM "Participation" pa
          WHERE pa."volunteerId" = c."volunteerId" AND pa.status <> 'WITHDRAWN')`,
    );
    await db.query('COMMIT');
    // The copy's statistics describe every agency's rows until analysed again.
    await db.query('VACUUM ANALYZE');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
