import { breakdownCellKey, encodeSketch, sketchFromRegisters, type Period } from '@sahem/kit';
import { Prisma, type PrismaClient } from '../__generated__/prisma/client.ts';
import { hashBits, REGISTER } from '../distinctSketchSql.ts';
import { COUNTED_LOG, DIMENSION_COLUMN, windows, type Dimension } from '../periodStats.ts';

/** What a breakdown can split a period's figures by. */
export type BreakdownDimension = 'AGENCY' | 'REGION' | 'KIND' | 'SKILL' | 'GENDER' | 'AGE_BAND';

/** The age bands, by age on the period's first day (the year of that day minus birth year). */
export type AgeBand =
  | 'UNDER_15'
  | 'AGE_15_24'
  | 'AGE_25_34'
  | 'AGE_35_44'
  | 'AGE_45_54'
  | 'AGE_55_64'
  | 'AGE_65_PLUS'
  | 'UNKNOWN';

/** One cell of a breakdown as the store computes it, before any suppression. */
export interface BreakdownCellRow {
  key: string;
  agencyCode: string | null;
  regionCode: string | null;
  kind: string | null;
  skillCode: string | null;
  gender: string | null;
  ageBand: AgeBand | null;
  activeVolunteers: number;
  verifiedHours: number;
  /** Program figures, where every dimension is the program's (else null). */
  beneficiaries: number | null;
  programsRun: number | null;
  /** The cell's active volunteers as an encoded sketch, for the gateway to unite. */
  activeVolunteersSketch: string;
}

/** The cell field each dimension fills. */
export const CELL_FIELD = {
  AGENCY: 'agencyCode',
  REGION: 'regionCode',
  KIND: 'kind',
  SKILL: 'skillCode',
  GENDER: 'gender',
  AGE_BAND: 'ageBand',
} as const satisfies Record<BreakdownDimension, keyof BreakdownCellRow>;

// The only expressions interpolated as SQL: one per dimension, over the hour log's participation
// (`pa`), its program (`p`), the participant's register cell (`pc`) and the window (`w`).
// Participants without a cell count as UNKNOWN, so the cells of a period add up to its total.
const AGE = Prisma.raw(`(extract(year FROM w.start)::int - pc."birthYear")`);
const EXPRESSION: Record<BreakdownDimension, Prisma.Sql> = {
  AGENCY: Prisma.raw('p."agencyCode"'),
  REGION: Prisma.raw('p."regionCode"'),
  KIND: Prisma.raw('p."kind"::text'),
  SKILL: Prisma.raw('pa."skillCode"'),
  GENDER: Prisma.raw(`coalesce(pc."gender"::text, 'UNKNOWN')`),
  AGE_BAND: Prisma.sql`CASE WHEN pc."birthYear" IS NULL THEN 'UNKNOWN'
    WHEN ${AGE} < 15 THEN 'UNDER_15' WHEN ${AGE} < 25 THEN 'AGE_15_24'
    WHEN ${AGE} < 35 THEN 'AGE_25_34' WHEN ${AGE} < 45 THEN 'AGE_35_44'
    WHEN ${AGE} < 55 THEN 'AGE_45_54' WHEN ${AGE} < 65 THEN 'AGE_55_64'
    ELSE 'AGE_65_PLUS' END`,
};

/** The dimensions of a program itself: a breakdown by these alone also counts programs. */
export const PROGRAM_DIMENSIONS: readonly BreakdownDimension[] = ['AGENCY', 'REGION', 'KIND'];

/** What one breakdown is asked of: a scope (agency, region, nation), a period, the dimensions. */
export interface BreakdownRequest {
  scope: Exclude<Dimension, 'programId'>;
  code: string;
  period: Period;
  by: readonly BreakdownDimension[];
}

/**
 * One statement for the breakdowns of many scopes (agencies, regions or the nation) in many
 * periods by the same dimensions. Counted are the hour logs the period figures count (verified,
 * dated in the period, of the held agencies): a cell is the distinct volunteers with such hours
 * in it and their hours; a volunteer in two cells (two skills, two kinds) counts in each. Empty
 * cells are absent. With `withSketches`, each cell's volunteers also leave as a sketch (hashed in
 * SQL, as `sketchesOfPeriods` does), for the gateway to count them across agencies.
 *
 * By program dimensions alone (`PROGRAM_DIMENSIONS`), cells also count the programs run and
 * their beneficiaries by the rules of `figuresOfPeriods` (non-draft programs that ran on a day
 * of the period up to `today`, beneficiaries spread over the days run, a closed period's as at
 * its close, rounded once per cell), and a cell may hold programs without counted hours.
 *
 * Every request must have the first's scope and dimensions (`createBreakdownLoader` groups
 * them so). The result is keyed by scope code and period (`code period`), cells ordered by key.
 */
export async function breakdownCells(
  db: PrismaClient,
  requests: readonly BreakdownRequest[],
  held: readonly string[],
  sketchKey: string,
  withSketches: boolean,
  today: Date,
): Promise<Map<string, BreakdownCellRow[]>> {
  const [first] = requests;
  const result = new Map<string, BreakdownCellRow[]>(
    requests.map((request) => [`${request.code} ${request.period.key}`, []]),
  );
  if (!first) return result;
  const { scope, by } = first;
  // A dimension not asked is '' (not NULL) so that the cells join their sketches by equality.
  const columns = (['AGENCY', 'REGION', 'KIND', 'SKILL', 'GENDER', 'AGE_BAND'] as const).map(
    (dimension) =>
      Prisma.sql`${by.includes(dimension) ? EXPRESSION[dimension] : Prisma.raw(`''::text`)} AS "${Prisma.raw(CELL_FIELD[dimension])}"`,
  );
  const programLevel = by.every((dimension) => PROGRAM_DIMENSIONS.includes(dimension));
  const dimensions = Prisma.raw(
    '"agencyCode", "regionCode", "kind", "skillCode", "gender", "ageBand"',
  );
  const cell = Prisma.raw(
    'code, period, "agencyCode", "regionCode", "kind", "skillCode", "gender", "ageBand"',
  );
  const sketches = withSketches
    ? Prisma.sql`, registers AS (
        SELECT ${cell}, ${REGISTER}
          FROM (SELECT *, ${hashBits(sketchKey, Prisma.raw('member'))} AS bits FROM members) hashed
      ), maxima AS (
        SELECT ${cell}, "index", max("rank") AS "rank" FROM registers GROUP BY ${cell}, "index"
      ), sketches AS (
        SELECT ${cell}, array_agg("index" ORDER BY "index") AS indexes,
               array_agg("rank" ORDER BY "index") AS ranks
          FROM maxima GROUP BY ${cell}
      )`
    : Prisma.sql`, sketches AS (
        SELECT ${cell}, NULL::int[] AS indexes, NULL::int[] AS ranks FROM members WHERE false
      )`;
  // Programs run and beneficiaries, as `figuresOfPeriods` counts them, by the same cells.
  const runs = programLevel
    ? Prisma.sql`, ran AS (
        SELECT w.code, w.period, ${Prisma.join(columns)},
               p."beneficiariesServed"::numeric AS served,
               least(p."endDate", ${today}::date) - p."startDate" + 1 AS "daysRun",
               least(p."endDate", ${today}::date, w."end" - 1)
                 - greatest(p."startDate", w.start) + 1 AS "daysInPeriod"
          FROM "Program" p
          JOIN w ON ${DIMENSION_COLUMN[scope]} = w.code
           AND p."startDate" < w."end" AND p."endDate" >= w.start
         WHERE p."status" <> 'DRAFT' AND p."startDate" <= ${today}::date
           AND p."agencyCode" = ANY(${[...held]}::text[])
           AND NOT EXISTS (SELECT 1 FROM "PeriodClose" c
                            WHERE c."agencyCode" = p."agencyCode" AND c."period" = w.period)
        UNION ALL
        SELECT w.code, w.period, ${Prisma.join(columns)},
               p."served"::numeric, p."daysRun", p."daysInPeriod"
          FROM (SELECT *, "programId" AS "id" FROM "ClosedPeriodProgram") p
          JOIN w ON ${DIMENSION_COLUMN[scope]} = w.code AND p."period" = w.period
         WHERE p."agencyCode" = ANY(${[...held]}::text[])
      ), runs AS (
        SELECT ${cell}, count(*)::int AS "programsRun",
               round(sum(served * "daysInPeriod" / "daysRun"))::int AS "beneficiaries"
          FROM ran WHERE "daysInPeriod" > 0 AND "daysRun" > 0
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      )`
    : Prisma.sql`, runs AS (
        SELECT ${cell}, NULL::int AS "programsRun", NULL::int AS "beneficiaries"
          FROM cells WHERE false
      )`;
  const programFigure = (name: string) =>
    programLevel ? Prisma.sql`coalesce(runs."${Prisma.raw(name)}", 0)` : Prisma.raw(`NULL::int`);
  const rows = await db.$queryRaw<
    (Omit<BreakdownCellRow, 'key' | 'activeVolunteersSketch'> & {
      code: string;
      period: string;
      indexes: number[] | null;
      ranks: number[] | null;
    })[]
  >`
    WITH w AS (SELECT * FROM ${windows(requests)}), members AS (
      SELECT w.code, w.period, ${Prisma.join(columns)},
             pa."volunteerId" AS member, sum(h."hours") AS hours
        FROM "HourLog" h
        JOIN "Participation" pa ON pa."id" = h."participationId"
        JOIN "Program" p ON p."id" = pa."programId"
        JOIN w ON ${DIMENSION_COLUMN[scope]} = w.code
         AND h."date" >= w.start AND h."date" < w."end"
        LEFT JOIN "ParticipantCell" pc ON pc."volunteerId" = pa."volunteerId"
       WHERE ${COUNTED_LOG} AND p."agencyCode" = ANY(${[...held]}::text[])
       -- By position: a name would be read as the input column of that name ("agencyCode" of
       -- "Program") where a dimension not asked stands for ''.
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ), cells AS (
      SELECT ${cell}, count(*)::int AS "activeVolunteers", sum(hours)::float8 AS "verifiedHours"
        FROM members GROUP BY ${cell}
    )${sketches}${runs}
    SELECT code, period, ${dimensions},
           coalesce(cells."activeVolunteers", 0) AS "activeVolunteers",
           coalesce(cells."verifiedHours", 0) AS "verifiedHours",
           ${programFigure('programsRun')} AS "programsRun",
           ${programFigure('beneficiaries')} AS "beneficiaries",
           sketches.indexes, sketches.ranks
      FROM cells
      FULL JOIN runs USING (code, period, ${dimensions})
      LEFT JOIN sketches USING (code, period, ${dimensions})`;
  const empty = encodeSketch(sketchFromRegisters([]));
  for (const { code, period, indexes, ranks, ...asked } of rows) {
    const figures = Object.fromEntries(
      Object.entries(asked).map(([name, value]) => [name, value === '' ? null : value]),
    ) as typeof asked;
    const key = breakdownCellKey(
      by.map((dimension) => [dimension, figures[CELL_FIELD[dimension]]!]),
    );
    result.get(`${code} ${period}`)?.push({
      ...figures,
      key,
      activeVolunteersSketch:
        indexes && ranks
          ? encodeSketch(
              sketchFromRegisters(indexes.map((index, i) => ({ index, rank: ranks[i]! }))),
            )
          : empty,
    });
  }
  for (const cells of result.values()) cells.sort((a, b) => (a.key < b.key ? -1 : 1));
  return result;
}
