import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, REGIONS, type Database } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { PrismaClient as IndicatorsClient } from '../subgraphs/indicators/src/__generated__/prisma/client.ts';
import { PrismaClient as ProgramsClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PrismaClient as VolunteersClient } from '../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { nationalIdProblem } from '../subgraphs/volunteers/src/nationalId.ts';
import { AGENCIES } from '../scripts/seed/agencyCatalogue.ts';
import {
  seedIndicators,
  seedPrograms,
  seedVolunteers,
  type SeedOptions,
} from '../scripts/seed/index.ts';
import { parseSeedArgs, UsageError } from '../scripts/seed/parseSeedArgs.ts';
import { volunteerIdentity } from '../scripts/seed/volunteerIdentity.ts';
import { volunteerProfile } from '../scripts/seed/volunteerProfile.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SALT = 'test-salt';

/** A volunteers database and a programs database, seeded together as `npm start` does. */
interface Pair {
  volunteers: Database<VolunteersClient>;
  programs: Database<ProgramsClient>;
  close(): Promise<void>;
}

const pairs: Pair[] = [];
const migrations = (name: string) => path.join(ROOT, 'subgraphs', name, 'prisma', 'migrations');

async function createPair(): Promise<Pair> {
  const databases: TestDatabase[] = await Promise.all([
    createTestDatabase(migrations('volunteers')),
    createTestDatabase(migrations('programs')),
  ]);
  const pair: Pair = {
    volunteers: createDatabase(VolunteersClient, { url: databases[0]!.url }),
    programs: createDatabase(ProgramsClient, { url: databases[1]!.url }),
    close: async () => {
      await Promise.all([pair.volunteers.close(), pair.programs.close()]);
      await Promise.all(databases.map((database) => database.drop()));
    },
  };
  pairs.push(pair);
  return pair;
}

const seedPair = (pair: Pair, options: SeedOptions) =>
  Promise.all([
    seedVolunteers(pair.volunteers, { ...options, nationalIdSalt: SALT }),
    seedPrograms(pair.programs, options),
  ]);

async function one<T>(db: Database<unknown>, sql: string): Promise<T> {
  const { rows } = await db.pool.query(sql);
  return Object.values(rows[0] as Record<string, unknown>)[0] as T;
}

/** Content hash of `table` over `columns`, rows in `order`. */
const hash = (db: Database<unknown>, table: string, columns: string, order: string) =>
  one<string>(
    db,
    `SELECT md5(coalesce(string_agg(concat_ws('|', ${columns}), E'\\n' ORDER BY ${order}), ''))
       FROM "${table}"`,
  );

/** Content hashes of every seeded table, over the columns that carry the data. */
async function contentHashes(pair: Pair): Promise<Record<string, string>> {
  const entries = await Promise.all([
    hash(
      pair.volunteers,
      'Volunteer',
      `id, "fullName", "nationalIdHash", "nationalIdLast4", gender, "birthYear", "regionCode", city,
       email, phone, "weeklyAvailabilityHours", kinds::text, status, "registeredAt"`,
      'id',
    ),
    hash(
      pair.volunteers,
      'VolunteerSkill',
      `"volunteerId", "skillCode"`,
      `"volunteerId", "skillCode"`,
    ),
    hash(pair.programs, 'Agency', `code, "nameEn", "nameAr", sector, "lastProgramNumber"`, 'code'),
    hash(
      pair.programs,
      'Program',
      `id, "titleEn", "titleAr", "descriptionEn", kind, "regionCode", "startDate", "endDate",
       capacity, "requiredSkills"::text, status, "beneficiariesServed", "createdAt"`,
      'id',
    ),
    hash(
      pair.programs,
      'Participation',
      `id, "volunteerId", "programId", role, status, "skillCode", "appliedAt", "joinedOn"`,
      'id',
    ),
    hash(
      pair.programs,
      'HourLog',
      `id, "participationId", date, hours, activity, verified, "verifiedBy", "verifiedAt"`,
      'id',
    ),
  ]);
  const tables = ['Volunteer', 'VolunteerSkill', 'Agency', 'Program', 'Participation', 'HourLog'];
  return Object.fromEntries(tables.map((table, i) => [table, entries[i]!]));
}

afterAll(async () => {
  await Promise.all(pairs.map((pair) => pair.close()));
});

describe('the seed at a small scale', () => {
  let first: Pair;
  let second: Pair;
  let firstHashes: Record<string, string>;

  beforeAll(async () => {
    [first, second] = await Promise.all([createPair(), createPair()]);
    await Promise.all([
      seedPair(first, { scale: 0.2, seed: 7 }),
      seedPair(second, { scale: 0.2, seed: 7 }),
    ]);
    firstHashes = await contentHashes(first);
  });

  it('gives identical databases for the same scale and seed', async () => {
    expect(await one(first.volunteers, 'SELECT count(*)::int FROM "Volunteer"')).toBe(1000);
    expect(await contentHashes(second)).toEqual(firstHashes);
  });

  it("gives every participant a cell with the register's gender and birth year", async () => {
    const { rows: register } = await first.volunteers.pool.query<{ cell: string }>(
      `SELECT concat_ws('|', id, gender, "birthYear") AS cell FROM "Volunteer" ORDER BY id`,
    );
    const { rows: participants } = await first.programs.pool.query<{ id: string }>(
      `SELECT DISTINCT "volunteerId" AS id FROM "Participation" WHERE status <> 'WITHDRAWN'`,
    );
    const { rows: cells } = await first.programs.pool.query<{ cell: string }>(
      `SELECT concat_ws('|', "volunteerId", gender, "birthYear") AS cell
         FROM "ParticipantCell" ORDER BY "volunteerId"`,
    );
    const taking = new Set(participants.map((row) => row.id));
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.map((row) => row.cell)).toEqual(
      register.map((row) => row.cell).filter((cell) => taking.has(cell.split('|')[0]!)),
    );
  });

  it('leaves a seeded database alone, and reseeds it on reset', async () => {
    const [volunteers, programs] = await seedPair(first, { scale: 0.2, seed: 7 });
    expect(volunteers.seeded).toBe(false);
    expect(programs.seeded).toBe(false);
    expect(volunteers.rows.Volunteer).toBe(1000);
    expect(programs.rows.Agency).toBeGreaterThanOrEqual(4);
    expect(await contentHashes(first)).toEqual(firstHashes);

    const skills = await one<number>(second.volunteers, 'SELECT count(*)::int FROM "Skill"');
    const [reseeded] = await seedPair(second, { scale: 0.2, seed: 8, reset: true });
    expect(reseeded.seeded).toBe(true);
    const other = await contentHashes(second);
    for (const table of ['Volunteer', 'VolunteerSkill', 'Program', 'Participation', 'HourLog']) {
      expect(other[table], table).not.toBe(firstHashes[table]);
    }
    // The ISCO-08 catalogue comes from a migration and survives the truncation.
    expect(await one(second.volunteers, 'SELECT count(*)::int FROM "Skill"')).toBe(skills);

    await seedPair(second, { scale: 0.2, seed: 7, reset: true });
    expect(await contentHashes(second)).toEqual(firstHashes);
  });

  it('rolls everything back when seeding fails half-way', async () => {
    const pair = await createPair();
    const failAt = (phase: string) => (progress: { phase: string; done: number }) => {
      if (progress.phase === phase && progress.done >= 400) throw new Error('crash mid-seed');
    };
    await expect(
      seedVolunteers(pair.volunteers, {
        scale: 0.2,
        nationalIdSalt: SALT,
        onProgress: failAt('volunteers'),
      }),
    ).rejects.toThrow('crash mid-seed');
    await expect(
      seedPrograms(pair.programs, { scale: 0.2, onProgress: failAt('participations') }),
    ).rejects.toThrow('crash mid-seed');
    expect(await one(pair.volunteers, 'SELECT count(*)::int FROM "Volunteer"')).toBe(0);
    expect(await one(pair.programs, 'SELECT count(*)::int FROM "Agency"')).toBe(0);
    expect(await one(pair.programs, 'SELECT count(*)::int FROM "Program"')).toBe(0);

    const [volunteers, programs] = await seedPair(pair, { scale: 0.2 });
    expect(volunteers.seeded && programs.seeded).toBe(true);
  });
});

describe("the seed of four agencies' own databases", () => {
  const CODES = ['HRSD', 'SCD', 'SEC', 'SRCA'];
  const single: Database<ProgramsClient>[] = [];
  const own: Database<ProgramsClient>[] = [];
  let closeAll = async (): Promise<void> => undefined;
  afterAll(() => closeAll());
  /** Every row of the tables seeded, as text, in key order, over one database or several. */
  const TABLES: Record<string, [columns: string, key: string]> = {
    Agency: [`code, "nameEn", "nameAr", sector, "lastProgramNumber"`, 'code'],
    Program: [
      `id, "agencyCode", "titleEn", "titleAr", "descriptionEn", kind, "regionCode", "startDate",
       "endDate", capacity, "requiredSkills"::text, status, "beneficiariesServed", "createdAt"`,
      'id',
    ],
    Participation: [
      `id, "volunteerId", "programId", role, status, "skillCode", "appliedAt", "joinedOn"`,
      'id',
    ],
    HourLog: [
      `id, "participationId", date, hours, activity, verified, "verifiedBy", "verifiedAt", "createdAt"`,
      'id',
    ],
  };
  const rowsOf = async (dbs: Database<ProgramsClient>[], table: string) => {
    const [columns, key] = TABLES[table]!;
    const parts = await Promise.all(
      dbs.map(async (db) => {
        const { rows } = await db.pool.query<{ key: string; row: string }>(
          `SELECT ${key} AS key, concat_ws('|', ${columns}) AS row FROM "${table}"`,
        );
        return rows;
      }),
    );
    return parts
      .flat()
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  };

  const rowsOfCells = async (dbs: Database<ProgramsClient>[]) =>
    (
      await Promise.all(
        dbs.map(
          async (db) => (await db.pool.query('SELECT "volunteerId" FROM "ParticipantCell"')).rows,
        ),
      )
    ).flat();

  beforeAll(async () => {
    const databases = await Promise.all(
      Array.from({ length: 5 }, () => createTestDatabase(migrations('programs'))),
    );
    const dbs = databases.map((database) => createDatabase(ProgramsClient, { url: database.url }));
    closeAll = async () => {
      await Promise.all(dbs.map((db) => db.close()));
      await Promise.all(databases.map((database) => database.drop()));
    };
    single.push(dbs[0]!);
    own.push(...dbs.slice(1));
    const options = { scale: 0.2, seed: 7 };
    await Promise.all([
      seedPrograms(single[0]!, options),
      ...CODES.map((code, i) => seedPrograms(own[i]!, { ...options, agencies: [code] })),
    ]);
  }, 120_000);

  it.each(['Agency', 'Program', 'Participation', 'HourLog'])(
    "holds, together, the single store's %s rows exactly: same ids, same rows",
    async (table) => {
      const together = await rowsOf(own, table);
      expect(together.length).toBeGreaterThan(0);
      expect(together).toEqual(await rowsOf(single, table));
    },
  );

  it("gives each agency's database the cells of its own participants only", async () => {
    for (const db of own) {
      const { rows } = await db.pool.query<{ missing: number; foreign: number }>(
        `SELECT (SELECT count(DISTINCT "volunteerId") FROM "Participation" p
                  WHERE p.status <> 'WITHDRAWN' AND NOT EXISTS (SELECT 1 FROM "ParticipantCell" c
                                     WHERE c."volunteerId" = p."volunteerId"))::int AS missing,
                (SELECT count(*) FROM "ParticipantCell" c
                  WHERE NOT EXISTS (SELECT 1 FROM "Participation" p
                                     WHERE p."volunteerId" = c."volunteerId"
                                       AND p.status <> 'WITHDRAWN'))::int AS foreign`,
      );
      expect(rows[0]).toEqual({ missing: 0, foreign: 0 });
    }
    const together = (await rowsOfCells(own)).length;
    expect(together).toBeGreaterThan((await rowsOfCells(single)).length);
  });

  it("writes each agency's records into its own database only", async () => {
    for (const [i, code] of CODES.entries()) {
      const { rows } = await own[i]!.pool.query<{ agency: string }>(
        `SELECT code AS agency FROM "Agency"
         UNION SELECT split_part(id, '-', 1) FROM "Program"
         UNION SELECT split_part("programId", '-', 1) FROM "Participation"
         UNION SELECT split_part(id, '-', 1) FROM "Participation"
         UNION SELECT split_part(id, '-', 1) FROM "HourLog"`,
      );
      expect(rows.map((row) => row.agency)).toEqual([code]);
    }
  });
});

describe('the seed at the default scale', () => {
  let pair: Pair;
  let seconds: number;

  beforeAll(async () => {
    pair = await createPair();
    const started = performance.now();
    await seedPair(pair, {});
    seconds = (performance.now() - started) / 1000;
  });

  const count = (db: Database<unknown>, sql: string) => one<number>(db, `SELECT (${sql})::int`);

  it('has 5,000 volunteers in every region, numbered on from the sequence', async () => {
    // About 2.5 s alone on two cores; the margin absorbs test files running alongside.
    expect(seconds).toBeLessThan(20);
    expect(await count(pair.volunteers, 'SELECT count(*) FROM "Volunteer"')).toBe(5000);
    const { rows } = await pair.volunteers.pool.query<{ regionCode: string; n: number }>(
      'SELECT "regionCode", count(*)::int AS n FROM "Volunteer" GROUP BY 1 ORDER BY 2 DESC',
    );
    expect(rows.map((row) => row.regionCode).sort()).toEqual([...REGIONS.keys()].sort());
    // Weighted by population: the three big regions lead.
    expect(
      rows
        .slice(0, 3)
        .map((row) => row.regionCode)
        .sort(),
    ).toEqual(['SA-01', 'SA-02', 'SA-04']);
    expect(await one(pair.volunteers, `SELECT nextval('volunteer_number')::int`)).toBe(5001);
    expect(
      await count(
        pair.volunteers,
        `SELECT count(*) FROM "Volunteer"
          WHERE phone !~ '^\\+9665[0-9]{8}$' OR "birthYear" NOT BETWEEN 1955 AND 2008
             OR "weeklyAvailabilityHours" NOT BETWEEN 0 AND 20 OR cardinality(kinds) = 0
             OR "registeredAt" NOT BETWEEN '2024-01-01' AND now()`,
      ),
    ).toBe(0);
    expect(
      await count(
        pair.volunteers,
        `SELECT count(*) FROM (SELECT "volunteerId" FROM "VolunteerSkill" GROUP BY 1
                                 HAVING count(*) NOT BETWEEN 1 AND 3) bad`,
      ),
    ).toBe(0);
  });

  it('has at least four agencies with programs in every region, numbered per agency', async () => {
    expect(await count(pair.programs, 'SELECT count(*) FROM "Agency"')).toBeGreaterThanOrEqual(4);
    expect(await count(pair.programs, 'SELECT count(DISTINCT "regionCode") FROM "Program"')).toBe(
      13,
    );
    expect(
      await count(
        pair.programs,
        `SELECT count(*) FROM "Agency" a
          WHERE a."lastProgramNumber" <> (SELECT max(split_part(id, '-', 2)::int)
                                            FROM "Program" p WHERE p."agencyCode" = a.code)`,
      ),
    ).toBe(0);
    expect(
      await count(
        pair.programs,
        `SELECT count(*) FROM "Participation" pa JOIN "Program" p ON p.id = pa."programId"
          WHERE p.status = 'DRAFT'`,
      ),
    ).toBe(0);
  });

  it('names existing volunteers and one of their skills in every participation', async () => {
    const { rows: volunteers } = await pair.volunteers.pool.query<{
      id: string;
      regionCode: string;
      skills: string[];
    }>(
      `SELECT v.id, v."regionCode", array_agg(s."skillCode") AS skills
         FROM "Volunteer" v JOIN "VolunteerSkill" s ON s."volunteerId" = v.id GROUP BY v.id`,
    );
    const byId = new Map(volunteers.map((v) => [v.id, { ...v, skills: new Set(v.skills) }]));
    const { rows: participations } = await pair.programs.pool.query<{
      volunteerId: string;
      skillCode: string;
      regionCode: string;
    }>(
      `SELECT pa."volunteerId", pa."skillCode", p."regionCode"
         FROM "Participation" pa JOIN "Program" p ON p.id = pa."programId"`,
    );
    const wrong = participations.filter((p) => !byId.get(p.volunteerId)?.skills.has(p.skillCode));
    expect(wrong).toEqual([]);
    // About one and a half participations per volunteer, mostly in their own region.
    expect(participations.length / 5000).toBeGreaterThan(1.3);
    expect(participations.length / 5000).toBeLessThan(1.7);
    const home = participations.filter((p) => byId.get(p.volunteerId)!.regionCode === p.regionCode);
    expect(home.length / participations.length).toBeGreaterThan(0.75);
  });

  it('keeps every program within capacity, with team leads', async () => {
    const accepted = `pa.status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED')`;
    expect(
      await count(
        pair.programs,
        `SELECT count(*) FROM (
           SELECT p.id FROM "Program" p JOIN "Participation" pa ON pa."programId" = p.id
            WHERE ${accepted} GROUP BY p.id, p.capacity HAVING count(*) > p.capacity) over`,
      ),
    ).toBe(0);
    expect(
      await count(pair.programs, `SELECT count(*) FROM "Participation" WHERE role = 'TEAM_LEAD'`),
    ).toBeGreaterThan(0);
    expect(
      await count(
        pair.programs,
        `SELECT count(*) FROM "Participation" pa JOIN "Program" p ON p.id = pa."programId"
          WHERE (role = 'TEAM_LEAD' AND NOT ${accepted}) OR (("joinedOn" IS NOT NULL) <> ${accepted})
             OR pa."joinedOn" NOT BETWEEN p."startDate" AND p."endDate"
             OR pa."appliedAt" > now() OR pa."appliedAt" < p."createdAt"
             OR (pa.status = 'APPLIED' AND p.status <> 'OPEN')`,
      ),
    ).toBe(0);
  });

  it('logs plausible hours, never in the future nor before joining', async () => {
    expect(
      await count(
        pair.programs,
        `SELECT count(*) FROM "HourLog" h
           JOIN "Participation" pa ON pa.id = h."participationId"
           JOIN "Program" p ON p.id = pa."programId"
          WHERE h.date > current_date OR pa."joinedOn" IS NULL OR h.date < pa."joinedOn"
             OR h.date NOT BETWEEN p."startDate" AND p."endDate"
             OR h.hours <= 0 OR h.hours > 24
             OR pa.status NOT IN ('ACTIVE', 'COMPLETED')
             OR (h.verified AND (h."verifiedBy" IS NULL OR h."verifiedAt" > now()
                                 OR h."verifiedAt" < h.date))`,
      ),
    ).toBe(0);
    expect(
      await count(
        pair.programs,
        `SELECT count(*) FROM (SELECT 1 FROM "HourLog" GROUP BY "participationId", date
                                HAVING sum(hours) > 24) crowded`,
      ),
    ).toBe(0);
    const { rows } = await pair.programs.pool.query<{ year: number; verified: boolean; n: number }>(
      `SELECT extract(year FROM date)::int AS year, verified, count(*)::int AS n
         FROM "HourLog" GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(rows.map(({ year, verified }) => `${year} ${verified}`)).toEqual([
      '2025 false',
      '2025 true',
      '2026 false',
      '2026 true',
    ]);
    const verifiedShare =
      rows.filter((r) => r.verified).reduce((sum, r) => sum + r.n, 0) /
      rows.reduce((sum, r) => sum + r.n, 0);
    expect(verifiedShare).toBeGreaterThan(0.7);
    expect(verifiedShare).toBeLessThan(0.9);
    const perParticipation = await one<number>(
      pair.programs,
      `SELECT (SELECT count(*) FROM "HourLog")::float8 /
              (SELECT count(*) FROM "Participation" WHERE status IN ('ACTIVE', 'COMPLETED'))`,
    );
    expect(perParticipation).toBeGreaterThan(8);
    expect(perParticipation).toBeLessThan(12);
  });
});

describe('the indicators seed', () => {
  let database: TestDatabase;
  let indicators: Database<IndicatorsClient>;
  let firstHash: string;
  const targetsHash = () =>
    hash(
      indicators,
      'Target',
      `"indicatorCode", scope, "scopeCode", period, value`,
      `"indicatorCode", scope, "scopeCode", period`,
    );
  /** Scope codes with an active-volunteers target, per year. */
  const scopeCodes = async (scope: string) => {
    const { rows } = await indicators.pool.query<{ period: string; codes: string[] }>(
      `SELECT period, array_agg("scopeCode" ORDER BY "scopeCode") AS codes FROM "Target"
        WHERE scope = $1 AND "indicatorCode" = 'ACTIVE_VOLUNTEERS' AND length(period) = 4
        GROUP BY 1 ORDER BY 1`,
      [scope],
    );
    return rows;
  };

  beforeAll(async () => {
    database = await createTestDatabase(migrations('indicators'));
    indicators = createDatabase(IndicatorsClient, { url: database.url });
    const report = await seedIndicators(indicators, { scale: 0.2, seed: 7 });
    expect(report.seeded).toBe(true);
    firstHash = await targetsHash();
  });

  afterAll(async () => {
    await indicators.close();
    await database.drop();
  });

  it('sets the national goal of a million active volunteers for 2025 and 2026', async () => {
    const { rows } = await indicators.pool.query(
      `SELECT period, value::float8 AS value FROM "Target"
        WHERE scope = 'NATIONAL' AND "indicatorCode" = 'ACTIVE_VOLUNTEERS' AND length(period) = 4
        ORDER BY period`,
    );
    expect(rows).toEqual([
      { period: '2025', value: 1_000_000 },
      { period: '2026', value: 1_000_000 },
    ]);
  });

  it("gives the distinct counts a target for every quarter and month, as a share of the year's", async () => {
    const { rows } = await indicators.pool.query<{ indicatorCode: string; periods: string[] }>(
      `SELECT "indicatorCode", array_agg(DISTINCT period ORDER BY period) AS periods FROM "Target"
        WHERE length(period) > 4 GROUP BY 1 ORDER BY 1`,
    );
    const shorter = ['2025', '2026'].flatMap((year) => [
      ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
      ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`),
    ]);
    expect(rows).toEqual([
      { indicatorCode: 'ACTIVE_VOLUNTEERS', periods: shorter.sort() },
      { indicatorCode: 'PROGRAMS_RUN', periods: shorter.sort() },
    ]);
    const national = async (period: string) =>
      one<number>(
        indicators,
        `SELECT value::float8 FROM "Target" WHERE scope = 'NATIONAL'
            AND "indicatorCode" = 'ACTIVE_VOLUNTEERS' AND period = '${period}'`,
      );
    expect([await national('2026-Q3'), await national('2026-07')]).toEqual([400_000, 300_000]);
  });

  it('sets targets for every agency and every region, both years', async () => {
    const agencies = AGENCIES.map((agency) => agency.code).sort();
    const regions = [...REGIONS.keys()].sort();
    expect(await scopeCodes('AGENCY')).toEqual([
      { period: '2025', codes: agencies },
      { period: '2026', codes: agencies },
    ]);
    expect(await scopeCodes('REGION')).toEqual([
      { period: '2025', codes: regions },
      { period: '2026', codes: regions },
    ]);
  });

  it('leaves seeded targets alone, and reseeds them on reset', async () => {
    const count = await one<number>(indicators, 'SELECT count(*)::int FROM "Target"');
    const again = await seedIndicators(indicators, { scale: 0.2, seed: 7 });
    expect(again).toEqual({ seeded: false, rows: { Target: count } });
    expect(await targetsHash()).toBe(firstHash);

    // Agency and regional targets follow the seeded population; the national goal does not.
    const larger = await seedIndicators(indicators, { scale: 2, seed: 7, reset: true });
    expect(larger).toEqual({ seeded: true, rows: { Target: count } });
    expect(await targetsHash()).not.toBe(firstHash);
    expect(
      await one<number>(
        indicators,
        `SELECT value::float8 FROM "Target" WHERE scope = 'NATIONAL'
            AND "indicatorCode" = 'ACTIVE_VOLUNTEERS' AND period = '2026'`,
      ),
    ).toBe(1_000_000);

    await seedIndicators(indicators, { scale: 0.2, seed: 7, reset: true });
    expect(await targetsHash()).toBe(firstHash);
  });
});

describe('seed volunteers', () => {
  it('get valid, distinct national ids, mostly citizens', () => {
    const ids = Array.from(
      { length: 2000 },
      (_, i) => volunteerIdentity(1, volunteerProfile(1, i, 2000)).nationalId,
    );
    expect(ids.filter((id) => nationalIdProblem(id) !== null)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const citizens = ids.filter((id) => id.startsWith('1')).length / ids.length;
    expect(citizens).toBeGreaterThan(0.8);
    expect(citizens).toBeLessThan(0.9);
  });
});

describe('npm run seed arguments', () => {
  it.each([
    [[], { scale: 1, history: 1, seed: 2026, reset: false, help: false }],
    [
      ['--scale', '4', '--seed', '9', '--reset'],
      { scale: 4, history: 1, seed: 9, reset: true, help: false },
    ],
    [['--scale=0.1'], { scale: 0.1, history: 1, seed: 2026, reset: false, help: false }],
    [
      ['--scale', '40', '--history', '3'],
      { scale: 40, history: 3, seed: 2026, reset: false, help: false },
    ],
  ])('%j', (argv, expected) => {
    expect(parseSeedArgs(argv)).toEqual(expected);
  });

  it.each([
    [['--scale', '0']],
    [['--scale', 'big']],
    [['--seed', '-1']],
    [['--history', '0']],
    [['--history', '1.5']],
    [['--history', '11']],
    [['--sale', '2']],
    [['extra']],
  ])('refuses %j', (argv) => {
    expect(() => parseSeedArgs(argv)).toThrow(UsageError);
  });
});
