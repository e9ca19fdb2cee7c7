import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { PrismaClient as ProgramsClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PrismaClient as VolunteersClient } from '../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { buildPrograms } from '../scripts/seed/buildPrograms.ts';
import { arrayLiteral, copyField, copyRows } from '../scripts/seed/copyRows.ts';
import { generateParticipations } from '../scripts/seed/generateParticipations.ts';
import { generateVolunteers } from '../scripts/seed/generateVolunteers.ts';
import { seedPrograms, seedVolunteers } from '../scripts/seed/index.ts';
import { resolveSeedOptions } from '../scripts/seed/options.ts';
import { dateText } from '../scripts/seed/sqlDateText.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const migrations = (name: string) => path.join(ROOT, 'subgraphs', name, 'prisma', 'migrations');
const SALT = 'copy-test-salt';
const OPTIONS = { scale: 0.1, history: 2, seed: 5 };

/** How a column reads the same in SQL and in JavaScript, for a checksum over both. */
type Kind = 'text' | 'number' | 'bool' | 'timestamp' | 'date' | 'array';
type Value = string | number | boolean | Date | readonly string[] | null;
const SQL: Record<Kind, (column: string) => string> = {
  text: (column) => `"${column}"::text`,
  number: (column) => `"${column}"::float8::text`,
  bool: (column) => `"${column}"::text`,
  timestamp: (column) => `(extract(epoch FROM "${column}") * 1000)::bigint::text`,
  date: (column) => `"${column}"::text`,
  array: (column) => `array_to_string("${column}", ',')`,
};
const JS: Record<Kind, (value: Value) => string> = {
  text: (value) => String(value),
  number: (value) => String(value),
  bool: (value) => String(value),
  timestamp: (value) => String((value as Date).getTime()),
  date: (value) => dateText(value as Date),
  array: (value) => (value as readonly string[]).join(','),
};

/** A table's columns as checked, the first being the key the rows are ordered by. */
const TABLES = {
  Volunteer: {
    id: 'text',
    fullName: 'text',
    nationalIdHash: 'text',
    nationalIdLast4: 'text',
    gender: 'text',
    birthYear: 'number',
    regionCode: 'text',
    city: 'text',
    email: 'text',
    phone: 'text',
    weeklyAvailabilityHours: 'number',
    kinds: 'array',
    status: 'text',
    registeredAt: 'timestamp',
    updatedAt: 'timestamp',
  },
  VolunteerSkill: { volunteerId: 'text', skillCode: 'text' },
  Program: {
    id: 'text',
    agencyCode: 'text',
    titleAr: 'text',
    titleEn: 'text',
    descriptionAr: 'text',
    descriptionEn: 'text',
    kind: 'text',
    regionCode: 'text',
    startDate: 'date',
    endDate: 'date',
    capacity: 'number',
    requiredSkills: 'array',
    status: 'text',
    beneficiariesServed: 'number',
    createdAt: 'timestamp',
    updatedAt: 'timestamp',
  },
  Participation: {
    id: 'text',
    volunteerId: 'text',
    programId: 'text',
    role: 'text',
    status: 'text',
    skillCode: 'text',
    appliedAt: 'timestamp',
    joinedOn: 'date',
  },
  HourLog: {
    id: 'text',
    participationId: 'text',
    date: 'date',
    hours: 'number',
    activity: 'text',
    verified: 'bool',
    verifiedBy: 'text',
    verifiedAt: 'timestamp',
    createdAt: 'timestamp',
  },
} satisfies Record<string, Record<string, Kind>>;
type Table = keyof typeof TABLES;

/** Row count and md5 of a table as stored: NULL as `\N`, fields by U+001F, rows in key order. */
async function stored(db: Database<unknown>, table: Table) {
  const columns = Object.entries(TABLES[table]) as [string, Kind][];
  const fields = columns.map(([column, kind]) => `coalesce(${SQL[kind](column)}, '\\N')`);
  const key = columns
    .slice(0, table === 'VolunteerSkill' ? 2 : 1)
    .map(([column]) => `"${column}" COLLATE "C"`);
  const { rows } = await db.pool.query<{ rows: number; md5: string }>(
    `SELECT count(*)::int AS rows,
            md5(coalesce(string_agg(concat_ws(E'\\x1f', ${fields.join(', ')}), E'\\n'
                                    ORDER BY ${key.join(', ')}), '')) AS md5
       FROM "${table}"`,
  );
  return rows[0]!;
}

/** The same over the generator's rows, in JavaScript. */
function generated(table: Table, rows: readonly Record<string, unknown>[]) {
  const columns = Object.entries(TABLES[table]) as [string, Kind][];
  const lines = rows.map((row) =>
    columns
      .map(([column, kind]) => {
        const value = row[column] as Value | undefined;
        return value === null || value === undefined ? '\\N' : JS[kind](value);
      })
      .join('\x1f'),
  );
  const key = (row: Record<string, unknown>) =>
    table === 'VolunteerSkill'
      ? `${String(row.volunteerId)}\x00${String(row.skillCode)}`
      : String(row.id);
  const order = rows.map((row, i) => [key(row), lines[i]!] as const);
  order.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    rows: rows.length,
    md5: createHash('md5')
      .update(order.map(([, line]) => line).join('\n'))
      .digest('hex'),
  };
}

/** Every row the seed's generators yield for `OPTIONS`, all agencies. */
function generatorRows(): Record<Table, Record<string, unknown>[]> {
  const { seed, scale, history, volunteers: total } = resolveSeedOptions(OPTIONS);
  const rows: Record<Table, Record<string, unknown>[]> = {
    Volunteer: [],
    VolunteerSkill: [],
    Program: [],
    Participation: [],
    HourLog: [],
  };
  for (const chunk of generateVolunteers({ seed, total, nationalIdSalt: SALT, chunk: 300 })) {
    rows.Volunteer.push(...(chunk.volunteers as unknown as Record<string, unknown>[]));
    rows.VolunteerSkill.push(...(chunk.skills as unknown as Record<string, unknown>[]));
  }
  const plans = buildPrograms(seed, scale, total, history);
  for (const program of plans.programs) {
    rows.Program.push({
      id: program.id,
      agencyCode: program.agencyCode,
      titleAr: program.title.ar,
      titleEn: program.title.en,
      descriptionAr: program.description.ar,
      descriptionEn: program.description.en,
      kind: program.template.kind,
      regionCode: program.regionCode,
      startDate: new Date(program.startDay * 86_400_000),
      endDate: new Date(program.endDay * 86_400_000),
      capacity: program.capacity,
      requiredSkills: program.requiredSkills,
      status: program.status,
      beneficiariesServed: program.beneficiariesServed,
      createdAt: new Date(program.createdAtMs),
      updatedAt: new Date(program.updatedAtMs),
    });
  }
  for (const chunk of generateParticipations({ seed, plans, total, chunk: 300 })) {
    rows.Participation.push(...(chunk.participations as unknown as Record<string, unknown>[]));
    rows.HourLog.push(...(chunk.hourLogs as unknown as Record<string, unknown>[]));
  }
  return rows;
}

/** Every index and constraint of the database's tables, as the catalogue defines them. */
async function schemaOf(db: Database<unknown>) {
  const { rows } = await db.pool.query<{ definition: string }>(
    `SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL
     SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     ORDER BY 1`,
  );
  return rows.map((row) => row.definition);
}

const databases: TestDatabase[] = [];
const dbs: Database<unknown>[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((db) => db.close()));
  await Promise.all(databases.map((database) => database.drop()));
});

describe('the seed written by COPY', () => {
  let volunteers: Database<VolunteersClient>;
  let programs: Database<ProgramsClient>;
  let fresh: { volunteers: Database<VolunteersClient>; programs: Database<ProgramsClient> };

  beforeAll(async () => {
    databases.push(
      ...(await Promise.all([
        createTestDatabase(migrations('volunteers')),
        createTestDatabase(migrations('programs')),
        createTestDatabase(migrations('volunteers')),
        createTestDatabase(migrations('programs')),
      ])),
    );
    volunteers = createDatabase(VolunteersClient, { url: databases[0]!.url });
    programs = createDatabase(ProgramsClient, { url: databases[1]!.url });
    fresh = {
      volunteers: createDatabase(VolunteersClient, { url: databases[2]!.url }),
      programs: createDatabase(ProgramsClient, { url: databases[3]!.url }),
    };
    dbs.push(volunteers, programs, fresh.volunteers, fresh.programs);
    await Promise.all([
      seedVolunteers(volunteers, { ...OPTIONS, nationalIdSalt: SALT }),
      seedPrograms(programs, OPTIONS),
    ]);
  });

  it('holds exactly the rows the generators yield, table by table', async () => {
    const expected = generatorRows();
    for (const table of Object.keys(TABLES) as Table[]) {
      const db = table === 'Volunteer' || table === 'VolunteerSkill' ? volunteers : programs;
      const want = generated(table, expected[table]);
      expect(want.rows, table).toBeGreaterThan(0);
      expect(await stored(db, table), table).toEqual(want);
    }
  });

  it('gives history times the programs and about as many times the hour logs', async () => {
    const rows = generatorRows();
    const { seed, scale, volunteers: total } = resolveSeedOptions(OPTIONS);
    const plans = buildPrograms(seed, scale, total, 1);
    expect(rows.Program.length).toBe(2 * plans.programs.length);
    let logs = 0;
    for (const chunk of generateParticipations({ seed, plans, total, chunk: 1000 })) {
      logs += chunk.hourLogs.length;
    }
    expect(rows.HourLog.length / logs).toBeGreaterThan(1.6);
    expect(rows.HourLog.length / logs).toBeLessThan(2.4);
  });

  it('builds again every index and constraint it set aside for the load', async () => {
    expect(await schemaOf(volunteers)).toEqual(await schemaOf(fresh.volunteers));
    const rebuilt = await schemaOf(programs);
    expect(rebuilt.filter((definition) => definition.includes('"HourLog"')).length).toBeGreaterThan(
      3,
    );
    expect(rebuilt).toEqual(await schemaOf(fresh.programs));
  });
});

describe('COPY text encoding', () => {
  it.each([
    [null, '\\N'],
    [true, 't'],
    [false, 'f'],
    [2.5, '2.5'],
    ['plain عربي', 'plain عربي'],
    ['tab\there', 'tab\\there'],
    ['line\nbreak\r', 'line\\nbreak\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
  ])('%j → %j', (value, field) => {
    expect(copyField(value)).toBe(field);
  });

  it('refuses numbers PostgreSQL would store as NaN or Infinity', () => {
    expect(() => copyField(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips awkward text and arrays through PostgreSQL', async () => {
    const database = await createTestDatabase(migrations('programs'));
    databases.push(database);
    const db = createDatabase(ProgramsClient, { url: database.url });
    dbs.push(db);
    const client = await db.pool.connect();
    try {
      await client.query('CREATE TEMP TABLE t (n int, s text, a text[])');
      const awkward = ['a\tb', 'c\nd', 'e\\f', '\\N', 'g"h', '{i,j}', ''];
      const rows = awkward.map((text, n) => [n, text, arrayLiteral([text, 'x,y'])] as const);
      expect(await copyRows(client, 't', ['n', 's', 'a'], [...rows, [99, null, null]])).toBe(8);
      const { rows: back } = await client.query<{ s: string | null; a: string[] | null }>(
        'SELECT s, a FROM t ORDER BY n',
      );
      expect(back).toEqual([
        ...awkward.map((text) => ({ s: text, a: [text, 'x,y'] })),
        { s: null, a: null },
      ]);
    } finally {
      client.release();
    }
  });
});
