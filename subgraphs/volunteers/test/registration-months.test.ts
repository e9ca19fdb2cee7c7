import { describe, expect, it } from 'vitest';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

// Registered volunteers by the end of a period are read from `RegistrationMonth`, which
// statement triggers keep from "Volunteer". After any sequence of writes (bulk inserts, moves to
// another region, corrected registration dates, status changes, deletions, a truncate) those
// rows must equal a recount of the volunteers, and the figures served must equal a count.
const subgraph = useVolunteersSubgraph();
const REGIONS = ['SA-01', 'SA-02', 'SA-03', 'SA-14'];

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Month edges in UTC, where a time zone would move a registration to the next month.
const INSTANTS = [
  '2025-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00.000Z',
  '2026-02-28T21:30:00.000Z',
  '2026-03-31T22:30:00.000Z',
  '2026-07-15T10:00:00.000Z',
];
let serial = 0;

/** Volunteers as `[name, national id hash, region, registered at]`, on `client` (the pool). */
async function insertVolunteers(
  rows: readonly (readonly [string, string, string, string])[],
  client: Pick<typeof subgraph.db.pool, 'query'> = subgraph.db.pool,
) {
  await client.query(
    `INSERT INTO "Volunteer" ("fullName", "nationalIdHash", "nationalIdLast4", "gender", "birthYear",
                              "regionCode", "city", "email", "weeklyAvailabilityHours", "registeredAt", "updatedAt")
     SELECT name, hash, '1234', 'FEMALE', 1990, region, 'Riyadh', hash || '@example.sa', 4, registered::timestamptz, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(name, hash, region, registered)`,
    [0, 1, 2, 3].map((i) => rows.map((row) => row[i])),
  );
}

async function insert(rng: () => number, count: number) {
  const rows = Array.from({ length: count }, () => {
    serial += 1;
    const instant =
      rng() < 0.3
        ? INSTANTS[Math.floor(rng() * INSTANTS.length)]!
        : new Date(Date.UTC(2024, 0, 1) + rng() * 3 * 365 * 86_400_000).toISOString();
    return [
      `Volunteer ${serial}`,
      `hash-${serial}`,
      REGIONS[Math.floor(rng() * 4)]!,
      instant,
    ] as const;
  });
  await insertVolunteers(rows);
}

/** Runs `sql` on a random fraction of the volunteers (`$1`: their ids). */
async function onSome(rng: () => number, fraction: number, sql: string) {
  const { rows } = await subgraph.db.pool.query<{ id: string }>('SELECT "id" FROM "Volunteer"');
  const some = rows.filter(() => rng() < fraction).map((row) => row.id);
  await subgraph.db.pool.query(sql, [some]);
}

async function expectMaintained(step: string) {
  const kept = await subgraph.db.pool.query(
    `SELECT "regionCode", to_char("month", 'YYYY-MM-DD') AS month, "registrations"
       FROM "RegistrationMonth" WHERE "registrations" <> 0 ORDER BY 1, 2`,
  );
  const recount = await subgraph.db.pool.query(
    `SELECT "regionCode", to_char(date_trunc('month', "registeredAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month,
            count(*)::int AS "registrations"
       FROM "Volunteer" GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  expect(kept.rows, step).toEqual(recount.rows);
}

const FIGURES = /* GraphQL */ `
  query Registered($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on RegionPeriod {
        regionCode
        registeredVolunteers
      }
      ... on NationalPeriod {
        registeredVolunteers
      }
    }
  }
`;

describe('registrations per region and month', () => {
  it('equal a recount of the volunteers after any sequence of writes', async () => {
    const rng = random(20261223);
    const steps: [string, () => Promise<void>][] = [
      ['a bulk insert', () => insert(rng, 1 + Math.floor(rng() * 60))],
      ['one insert', () => insert(rng, 1)],
      [
        'moves to another region',
        () =>
          onSome(
            rng,
            0.2,
            `UPDATE "Volunteer" SET "regionCode" = CASE "regionCode" WHEN 'SA-01' THEN 'SA-02' ELSE 'SA-01' END
              WHERE "id" = ANY($1)`,
          ),
      ],
      [
        'corrected registration dates',
        () =>
          onSome(
            rng,
            0.2,
            `UPDATE "Volunteer" SET "registeredAt" = "registeredAt" - interval '17 days' WHERE "id" = ANY($1)`,
          ),
      ],
      [
        'status changes only',
        () => onSome(rng, 0.3, `UPDATE "Volunteer" SET "status" = 'INACTIVE' WHERE "id" = ANY($1)`),
      ],
      ['deletions', () => onSome(rng, 0.15, `DELETE FROM "Volunteer" WHERE "id" = ANY($1)`)],
    ];
    for (let i = 0; i < 60; i++) {
      const [name, step] = steps[i < 3 ? 0 : Math.floor(rng() * steps.length)]!;
      await step();
      await expectMaintained(`step ${i}: ${name}`);
    }

    await subgraph.db.pool.query('TRUNCATE "VolunteerSkill", "Volunteer" CASCADE');
    await expectMaintained('a truncate');
    await insert(rng, 40);
    await expectMaintained('inserts after the truncate');
  });

  it('cut months in UTC, whatever the session time zone', async () => {
    const client = await subgraph.db.pool.connect();
    try {
      await client.query("SET timezone = 'Asia/Riyadh'");
      // 22:30 UTC on 31 March is 1 April in Riyadh: a March registration.
      await insertVolunteers(
        [['Late March', 'hash-late-march', 'SA-05', '2026-03-31T22:30:00Z']],
        client,
      );
    } finally {
      client.release();
    }
    const { rows } = await subgraph.db.pool.query(
      `SELECT to_char("month", 'YYYY-MM-DD') AS month, "registrations" FROM "RegistrationMonth"
        WHERE "regionCode" = 'SA-05'`,
    );
    expect(rows).toEqual([{ month: '2026-03-01', registrations: 1 }]);
  });

  it.each(['2025', '2026-Q1', '2026-03', '2026-04', '2026'])(
    'give the registered volunteers by the end of %s, as counting them does',
    async (period) => {
      const end = {
        '2025': '2026-01-01',
        '2026-Q1': '2026-04-01',
        '2026-03': '2026-04-01',
        '2026-04': '2026-05-01',
        '2026': '2027-01-01',
      }[period]!;
      const counted = async (region?: string) =>
        (
          await subgraph.db.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "Volunteer"
              WHERE "registeredAt" < $1::timestamptz AND ($2::text IS NULL OR "regionCode" = $2)`,
            [`${end}T00:00:00Z`, region ?? null],
          )
        ).rows[0]!.n;
      const result = await subgraph.run(FIGURES, {
        representations: [
          ...[...REGIONS, 'SA-05', 'SA-09'].map((regionCode) => ({
            __typename: 'RegionPeriod',
            regionCode,
            period,
          })),
          { __typename: 'NationalPeriod', period },
        ],
      });
      expect(result.errors).toBeUndefined();
      const entities = result.data!._entities as { registeredVolunteers: number }[];
      const expected = [];
      for (const region of [...REGIONS, 'SA-05', 'SA-09']) {
        expected.push({ regionCode: region, registeredVolunteers: await counted(region) });
      }
      expected.push({ registeredVolunteers: await counted() });
      expect(entities).toEqual(expected);
      expect(entities.at(-1)!.registeredVolunteers).toBeGreaterThan(0);
    },
  );
});
