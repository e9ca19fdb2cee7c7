import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrate, type Database } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { PROGRAMS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(PROGRAMS_DIR, 'prisma', 'migrations');
const KEYS_MIGRATION = '20261202000000_keys_name_their_agency';
const P1 = '3f0c1f6e-1c2b-4b8e-9a55-0c1e2d3f4a5b';
const P2 = '00000000-0000-4000-8000-000000000002';
const L1 = 'a0000000-0000-4000-8000-000000000001';
const L2 = 'b0000000-0000-4000-8000-000000000002';
const L3 = 'c0000000-0000-4000-8000-000000000003';

let before: string;
let old: TestDatabase;
let fresh: TestDatabase;
const opened: Database<PrismaClient>[] = [];

/** A connection pool on `url` (closed after the file's tests). */
function connect(url: string): Database<PrismaClient>['pool'] {
  const db = createDatabase(PrismaClient, { url, poolSize: 1 });
  opened.push(db);
  return db.pool;
}

// A store as it stood before keys named their agency: uuid ids, migrated up to the migration
// before, with a participation of each of two agencies and their hour logs.
beforeAll(async () => {
  before = await mkdtemp(path.join(tmpdir(), 'sahem-migrations-'));
  // Only the migrations before it: a later one (the period aggregates' triggers) is written for
  // text keys, as every database that reaches it in order has them.
  await cp(MIGRATIONS, before, {
    recursive: true,
    filter: (source) => {
      const name = path.relative(MIGRATIONS, source).split(path.sep)[0] ?? '';
      return !/^\d{14}_/.test(name) || name < KEYS_MIGRATION;
    },
  });
  const fromKeysOn = (await readdir(MIGRATIONS))
    .filter((name) => /^\d{14}_/.test(name) && name >= KEYS_MIGRATION)
    .sort();
  [old, fresh] = await Promise.all([createTestDatabase(before), createTestDatabase(MIGRATIONS)]);
  const db = connect(old.url);
  await db.query(`
    INSERT INTO "Agency" (code, "nameAr", "nameEn", sector) VALUES
      ('SCD', 'د', 'Civil Defense', 'Public safety'), ('SEC', 'ك', 'Electricity', 'Energy');
    INSERT INTO "Program" (id, "agencyCode", "titleAr", "titleEn", "descriptionAr", "descriptionEn",
                           kind, "regionCode", "startDate", "endDate", capacity, "updatedAt")
    VALUES ('SCD-00001', 'SCD', 'ب', 'P', 'و', 'D', 'PRACTICAL', 'SA-01', '2026-01-01', '2026-12-31', 5, now()),
           ('SEC-00001', 'SEC', 'ب', 'P', 'و', 'D', 'PRACTICAL', 'SA-04', '2026-01-01', '2026-12-31', 5, now());
    INSERT INTO "Participation" (id, "volunteerId", "programId", status, "skillCode", "joinedOn")
    VALUES ('${P1}', 'V-0000001', 'SCD-00001', 'ACTIVE', '2221', '2026-01-05'),
           ('${P2}', 'V-0000001', 'SEC-00001', 'ACTIVE', '5411', '2026-01-05');
    INSERT INTO "HourLog" (id, "participationId", date, hours, activity, verified, "verifiedBy", "verifiedAt")
    VALUES ('${L1}', '${P1}', '2026-02-01', 2, 'Drill', true, 'officer', now()),
           ('${L2}', '${P1}', '2026-02-02', 3, 'Drill', false, NULL, NULL),
           ('${L3}', '${P2}', '2026-02-03', 4, 'Repair', false, NULL, NULL);
  `);
  expect((await migrate(old.url, MIGRATIONS)).applied).toEqual(fromKeysOn);
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await Promise.all([old?.drop(), fresh?.drop()]);
  if (before) await rm(before, { recursive: true, force: true });
});

/** Columns, constraints and indexes of the two tables, to compare two databases' schemas. */
async function schemaOf(client: Database<PrismaClient>['pool']) {
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns WHERE table_name IN ('Participation', 'HourLog')
      ORDER BY 1, 2`,
  );
  const constraints = await client.query(
    `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid::regclass::text IN ('"Participation"', '"HourLog"', '"Program"')
      ORDER BY 1, 2`,
  );
  const indexes = await client.query(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('Participation', 'HourLog') ORDER BY 1, 2`,
  );
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

describe('the migration to keys that name their agency', () => {
  it("prefixes every existing participation with its program's agency", async () => {
    const db = connect(old.url);
    const { rows } = await db.query(`SELECT id, "programId" FROM "Participation" ORDER BY id`);
    expect(rows).toEqual([
      { id: `SCD-${P1}`, programId: 'SCD-00001' },
      { id: `SEC-${P2}`, programId: 'SEC-00001' },
    ]);
  });

  it('prefixes every hour log, which still points at its participation', async () => {
    const db = connect(old.url);
    const { rows } = await db.query(
      `SELECT h.id, h."participationId", h.hours::float8 AS hours, pa."programId"
         FROM "HourLog" h JOIN "Participation" pa ON pa.id = h."participationId" ORDER BY h.id`,
    );
    expect(rows).toEqual([
      { id: `SCD-${L1}`, participationId: `SCD-${P1}`, hours: 2, programId: 'SCD-00001' },
      { id: `SCD-${L2}`, participationId: `SCD-${P1}`, hours: 3, programId: 'SCD-00001' },
      { id: `SEC-${L3}`, participationId: `SEC-${P2}`, hours: 4, programId: 'SEC-00001' },
    ]);
  });

  it('leaves the schema exactly as a database migrated from scratch: types, keys, indexes', async () => {
    const [migrated, fromScratch] = await Promise.all([
      schemaOf(connect(old.url)),
      schemaOf(connect(fresh.url)),
    ]);
    expect(migrated).toEqual(fromScratch);
    expect(migrated.columns.filter((c) => c.column_name === 'id')).toEqual([
      expect.objectContaining({ table_name: 'HourLog', data_type: 'text' }),
      expect.objectContaining({ table_name: 'Participation', data_type: 'text' }),
    ]);
    expect(migrated.constraints.map((c) => c.conname)).toContain('HourLog_participationId_fkey');
    expect(migrated.indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        'HourLog_participationId_date_idx',
        'Participation_volunteerId_programId_key',
      ]),
    );
  });

  it.each([
    [
      'a participation whose id names another agency than its program',
      `INSERT INTO "Participation" (id, "volunteerId", "programId", "skillCode")
       VALUES ('SEC-${'d'.repeat(8)}-0000-4000-8000-000000000009', 'V-0000002', 'SCD-00001', '2221')`,
      '23514',
    ],
    [
      'a participation under a bare uuid',
      `INSERT INTO "Participation" (id, "volunteerId", "programId", "skillCode")
       VALUES ('${'e'.repeat(8)}-0000-4000-8000-000000000009', 'V-0000003', 'SCD-00001', '2221')`,
      '23514',
    ],
    [
      'an hour log naming another agency than its participation',
      `INSERT INTO "HourLog" (id, "participationId", date, hours, activity)
       VALUES ('SEC-${'f'.repeat(8)}-0000-4000-8000-000000000009', 'SCD-${P1}', '2026-03-01', 1, 'x')`,
      '23514',
    ],
    [
      'an hour log of no participation',
      `INSERT INTO "HourLog" (id, "participationId", date, hours, activity)
       VALUES ('SCD-${'f'.repeat(8)}-0000-4000-8000-000000000009', 'SCD-${'0'.repeat(8)}-0000-4000-8000-000000000000', '2026-03-01', 1, 'x')`,
      '23503',
    ],
    [
      'a program whose id names another agency',
      `INSERT INTO "Program" (id, "agencyCode", "titleAr", "titleEn", "descriptionAr", "descriptionEn",
                             kind, "regionCode", "startDate", "endDate", capacity, "updatedAt")
       VALUES ('SEC-00002', 'SCD', 'ب', 'P', 'و', 'D', 'PRACTICAL', 'SA-01', '2026-01-01', '2026-12-31', 5, now())`,
      '23514',
    ],
  ])('refuses %s, whoever writes it', async (_, sql, sqlState) => {
    const db = connect(old.url);
    await expect(db.query(sql)).rejects.toMatchObject({ code: sqlState });
  });
});
