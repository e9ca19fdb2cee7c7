import pg from 'pg';
import { createRandom } from '../../scripts/seed/createRandom.ts';
import type { WorkloadId } from '../scenarios.ts';

/** The variables of each workload's requests, in the order they are sent. */
export type WorkloadVariables = Record<WorkloadId, Record<string, unknown>[]>;

/** Where the seeded data is read from. */
export interface SeededDatabases {
  /** The volunteers database. */
  volunteers: string;
  /** A programs database holding every agency. */
  programs: string;
}

/** Options of {@link pickVariables}. */
export interface PickOptions {
  /** Least matching volunteers for a region and skill of scenario 2 (a full first page). @default 20 */
  minDeployable?: number;
  /** Most Civil Defense programs for scenario 3. @default 100 */
  programs?: number;
  /** Most volunteers for the lookup. @default 2000 */
  volunteers?: number;
}

/** Every period of `from`–`to` (ISO dates) as the graph names them: years, quarters, months. */
export function periodsBetween(from: string, to: string): string[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const start = first * 12 + Number(from.slice(5, 7)) - 1;
  const end = last * 12 + Number(to.slice(5, 7)) - 1;
  const periods: string[] = [];
  for (let year = first; year <= last; year++) {
    periods.push(String(year));
    for (let quarter = 1; quarter <= 4; quarter++) {
      const quarterEnd = year * 12 + quarter * 3 - 1;
      if (quarterEnd - 2 <= end && quarterEnd >= start) periods.push(`${year}-Q${quarter}`);
    }
    for (let month = 1; month <= 12; month++) {
      const index = year * 12 + month - 1;
      if (index >= start && index <= end) periods.push(`${year}-${String(month).padStart(2, '0')}`);
    }
  }
  return periods;
}

/** The same items in an order fixed by `seed`: costly and cheap requests mixed, the same every run. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * Variables for every workload, read from the seeded data so that each request asks for
 * something that exists and consecutive requests differ (no cache, no de-duplication of
 * identical requests in flight helps):
 * - 1 and 4: every year, quarter and month with hour logs (32 periods with the seed's 2025–2026);
 * - 2: each region × ISCO-08 skill with at least `minDeployable` volunteers, at 1 and 2 hours a week;
 * - 3: the Civil Defense programs with the most participations;
 * - lookup: volunteers spread over the whole id range.
 */
export async function pickVariables(
  databases: SeededDatabases,
  options: PickOptions = {},
): Promise<WorkloadVariables> {
  const volunteers = new pg.Client({ connectionString: databases.volunteers });
  const programs = new pg.Client({ connectionString: databases.programs });
  await volunteers.connect();
  await programs.connect();
  try {
    const range = await programs.query<{ from: string | null; to: string | null }>(
      `SELECT to_char(min(date), 'YYYY-MM-DD') AS "from", to_char(max(date), 'YYYY-MM-DD') AS "to"
         FROM "HourLog"`,
    );
    const { from, to } = range.rows[0] ?? {};
    if (!from || !to) throw new Error('the programs database has no hour logs');
    const periods = periodsBetween(from, to).map((period) => ({ period }));

    const pairs = await volunteers.query<{ regionCode: string; skillCode: string }>(
      `SELECT v."regionCode", s."skillCode"
         FROM "Volunteer" v JOIN "VolunteerSkill" s ON s."volunteerId" = v.id
        WHERE v."weeklyAvailabilityHours" >= 1
        GROUP BY 1, 2 HAVING count(*) >= $1
        ORDER BY count(*) DESC, 1, 2 LIMIT 200`,
      [options.minDeployable ?? 20],
    );
    if (pairs.rows.length === 0) throw new Error('no region and skill has enough volunteers');
    const deployable = pairs.rows.flatMap((pair) =>
      [1, 2].map((minWeeklyHours) => ({ ...pair, minWeeklyHours })),
    );

    const busiest = await programs.query<{ id: string }>(
      `SELECT p.id FROM "Program" p JOIN "Participation" pa ON pa."programId" = p.id
        WHERE p."agencyCode" = 'SCD'
        GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT $1`,
      [options.programs ?? 100],
    );
    if (busiest.rows.length === 0) throw new Error('no Civil Defense program has participations');

    const sample = await volunteers.query<{ id: string }>(
      `SELECT id FROM "Volunteer" ORDER BY md5(id) LIMIT $1`,
      [options.volunteers ?? 2_000],
    );
    return {
      '1': shuffled(periods, 1),
      '2': shuffled(deployable, 2),
      '3': shuffled(
        busiest.rows.map(({ id }) => ({ id })),
        3,
      ),
      '4': shuffled(periods, 4),
      lookup: sample.rows.map(({ id }) => ({ id })),
    };
  } finally {
    await volunteers.end();
    await programs.end();
  }
}
