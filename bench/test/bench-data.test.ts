import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { seedProgramsStores, seedVolunteers } from '../../scripts/seed/index.ts';
import { PrismaClient as ProgramsClient } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PrismaClient as VolunteersClient } from '../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { pickVariables } from '../data/pickVariables.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const migrations = (name: string) => path.join(ROOT, 'subgraphs', name, 'prisma', 'migrations');
const SCALE = 0.04;

let volunteers: TestDatabase;
let programs: TestDatabase;
const CODES = ['HRSD', 'SCD', 'SEC', 'SRCA'];
/** One programs database per agency, seeded in the same pass as the whole (as the bench does). */
let perAgency: TestDatabase[] = [];
async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [volunteers, programs, ...perAgency] = await Promise.all([
    createTestDatabase(migrations('volunteers')),
    createTestDatabase(migrations('programs')),
    ...CODES.map(() => createTestDatabase(migrations('programs'))),
  ]);
  const v = createDatabase(VolunteersClient, { url: volunteers.url });
  const stores = [
    { db: createDatabase(ProgramsClient, { url: programs.url }) },
    ...CODES.map((code, i) => ({
      db: createDatabase(ProgramsClient, { url: perAgency[i]!.url }),
      agencies: [code],
    })),
  ];
  await Promise.all([
    seedVolunteers(v, { scale: SCALE, nationalIdSalt: 'bench-test' }),
    seedProgramsStores(stores, { scale: SCALE }),
  ]);
  await Promise.all([v.close(), ...stores.map(({ db }) => db.close())]);
});
afterAll(async () => {
  for (const database of perAgency) await database.drop();
  await volunteers?.drop();
  await programs?.drop();
});

const counts = (url: string) =>
  query<{
    agencies: number;
    programs: number;
    participations: number;
    logs: number;
    hours: string;
  }>(
    url,
    `SELECT (SELECT count(*)::int FROM "Agency") AS agencies,
            (SELECT count(*)::int FROM "Program") AS programs,
            (SELECT count(*)::int FROM "Participation") AS participations,
            (SELECT count(*)::int FROM "HourLog") AS logs,
            (SELECT coalesce(sum(hours), 0)::text FROM "HourLog") AS hours`,
  ).then((rows) => rows[0]!);

describe("one agency's programs database", () => {
  it("holds that agency's records only, and the agencies' databases add up to the whole", async () => {
    const whole = await counts(programs.url);
    const parts = [];
    for (const [i, code] of CODES.entries()) {
      const url = perAgency[i]!.url;
      const [foreign] = await query<{ n: number }>(
        url,
        `SELECT (SELECT count(*) FROM "Program" WHERE "agencyCode" <> '${code}')::int
              + (SELECT count(*) FROM "Participation" pa JOIN "Program" p ON p.id = pa."programId" WHERE p."agencyCode" <> '${code}')::int AS n`,
      );
      expect(foreign!.n).toBe(0);
      parts.push(await counts(url));
    }
    expect(parts.map((part) => part.agencies)).toEqual([1, 1, 1, 1]);
    for (const key of ['programs', 'participations', 'logs'] as const) {
      expect(parts.reduce((sum, part) => sum + part[key], 0)).toBe(whole[key]);
    }
    expect(parts.reduce((sum, part) => sum + Number(part.hours), 0)).toBeCloseTo(
      Number(whole.hours),
      2,
    );
    expect(parts.every((part) => part.programs > 0)).toBe(true);
  });
});

describe('the variables of the requests', () => {
  it('name things that exist, and differ from one request to the next', async () => {
    const variables = await pickVariables(
      { volunteers: volunteers.url, programs: programs.url },
      { minDeployable: 1 },
    );
    for (const list of Object.values(variables)) {
      expect(list.length).toBeGreaterThan(1);
      const distinct = new Set(list.map((entry) => JSON.stringify(entry)));
      expect(distinct.size).toBe(list.length);
    }
    expect(variables['1']).toContainEqual({ period: '2026' });
    const programIds = new Set(
      (
        await query<{ id: string }>(
          programs.url,
          `SELECT id FROM "Program" WHERE "agencyCode" = 'SCD'`,
        )
      ).map((row) => row.id),
    );
    for (const { id } of variables['3']) expect(programIds.has(id as string)).toBe(true);
    const volunteerIds = new Set(
      (await query<{ id: string }>(volunteers.url, 'SELECT id FROM "Volunteer"')).map(
        (row) => row.id,
      ),
    );
    for (const { id } of variables.lookup) expect(volunteerIds.has(id as string)).toBe(true);
    for (const entry of variables['2']) {
      expect(entry).toMatchObject({
        regionCode: expect.stringMatching(/^SA-\d\d$/),
        skillCode: expect.any(String),
      });
    }
  });
});
