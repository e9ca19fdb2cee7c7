import { previousPeriod, queryRows, type Period } from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';

/**
 * What a period aggregate is grouped by: the program's agency, its region, the country, or the
 * program itself (a program's figures in a period, for league tables).
 */
export type Dimension = 'agencyCode' | 'regionCode' | 'national' | 'programId';

/** The code of the one national group. */
export const NATIONAL = 'SA';

/** The figures of one agency or region in one period. */
export interface PeriodFigures {
  activeVolunteers: number;
  verifiedHours: number;
  beneficiaries: number;
  programsRun: number;
  retainedVolunteers: number;
  activeTeamLeads: number;
  /** Verified hours dated in the period, verified after a close covering their date. */
  hoursVerifiedAfterClose: number;
}

export const NO_FIGURES: PeriodFigures = {
  activeVolunteers: 0,
  verifiedHours: 0,
  beneficiaries: 0,
  programsRun: 0,
  retainedVolunteers: 0,
  activeTeamLeads: 0,
  hoursVerifiedAfterClose: 0,
};

/**
 * The hour logs (`h`) every period figure counts: verified, and not verified after their
 * agency closed a period containing their date (`verifiedAfterClose`, set by `verifyHours`), so
 * the figures of a closed period stand as they were at its close and a year still adds up to
 * its closed quarters. Such late hours are reported apart (`hoursVerifiedAfterClose`).
 */
export const COUNTED_LOG = Prisma.raw('h."verified" AND NOT h."verifiedAfterClose"');

/**
 * The month rows (`ParticipationMonth`) with hours {@link COUNTED_LOG} counts: one row per
 * participation and month, kept by triggers in the transaction of every hour log write, so a
 * period's figures read the months of the period (and the one before it), never the hour logs.
 * Periods are whole months, so a period's logs are exactly its months' rows.
 */
export const COUNTED_MONTH = Prisma.raw('(SELECT * FROM "ParticipationMonth" WHERE "logs" > 0)');

// Column names cannot be bound as parameters; these are the only expressions ever interpolated.
/** The expression a dimension groups programs (`p`) by. */
export const DIMENSION_COLUMN: Record<Dimension, Prisma.Sql> = {
  agencyCode: Prisma.raw('p."agencyCode"'),
  regionCode: Prisma.raw('p."regionCode"'),
  national: Prisma.raw(`'${NATIONAL}'::text`),
  programId: Prisma.raw('p."id"'),
};

/** One agency, region or the nation (`code`) in one period: what a figure is asked of. */
export interface CodePeriod {
  code: string;
  period: Period;
}

/** The text key of a code in a period, by which the batch functions answer. */
export const codePeriodKey = (code: string, period: string) => `${code} ${period}`;

/**
 * The keys of a batch as a table `w(code, period, start, "end", "prevStart", grain)` of distinct
 * rows, the previous period of the same length starting at `prevStart`, `grain` the period's
 * granularity (as the rollups name it): every statement below joins the rows to it, so many
 * codes in many periods (a trend) are one statement.
 */
export function windows(keys: readonly CodePeriod[]): Prisma.Sql {
  const distinct = [
    ...new Map(keys.map((key) => [codePeriodKey(key.code, key.period.key), key])).values(),
  ];
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return Prisma.sql`(SELECT * FROM unnest(
      ${distinct.map((key) => key.code)}::text[],
      ${distinct.map((key) => key.period.key)}::text[],
      ${distinct.map((key) => day(key.period.start))}::date[],
      ${distinct.map((key) => day(key.period.end))}::date[],
      ${distinct.map((key) => day(previousPeriod(key.period).start))}::date[],
      ${distinct.map((key) => key.period.granularity)}::text[]
    ) AS w(code, period, start, "end", "prevStart", grain)) AS w`;
}

/**
 * One statement for the figures of many agencies (or regions) in many periods. Hours and active
 * volunteers come from verified hour logs dated in the period, read from their month rows
 * ({@link COUNTED_MONTH}). Retained volunteers were also
 * active in the previous period of the same length; active team leads logged verified hours as
 * a team lead.
 *
 * Programs run are the non-draft programs that ran on at least one day of the period up to
 * `today`, each counted once. A program's `beneficiariesServed` is its total so far, so it is
 * spread evenly over the days the program has run (its first day to its last, or to today if
 * it is still running) and a period takes the share of its own days: the months of a year sum
 * to the year (to the rounding of each to a whole person), and a period a program has not yet
 * reached takes none. The sum is rounded once per agency or region. For an agency that closed
 * the period, both are read from what its programs counted at the close (`ClosedPeriodProgram`).
 *
 * Only the programs of the `held` agencies count: an instance reports what it holds. The
 * result is keyed by {@link codePeriodKey}.
 */
export async function figuresOfPeriods(
  db: PrismaClient,
  dimension: Dimension,
  keys: readonly CodePeriod[],
  today: Date,
  held: readonly string[],
): Promise<Map<string, PeriodFigures>> {
  const column = DIMENSION_COLUMN[dimension];
  const agencies = [...held];
  const rows = await queryRows<{ code: string; period: string } & PeriodFigures>(
    db,
    Prisma.sql`
    WITH w AS (SELECT * FROM ${windows(keys)}), active AS (
      SELECT w.code, w.period, m."volunteerId",
             m."month" >= w.start AS "inPeriod",
             bool_or(m."asLead") AS "asLead",
             sum(m."hours") AS hours
        FROM ${COUNTED_MONTH} m
        JOIN "Program" p ON p."id" = m."programId"
        JOIN w ON ${column} = w.code AND m."month" >= w."prevStart" AND m."month" < w."end"
       WHERE p."agencyCode" = ANY(${agencies}::text[])
       GROUP BY 1, 2, 3, 4
    ), late AS (
      SELECT w.code, w.period, sum(m."lateHours")::float8 AS "hoursVerifiedAfterClose"
        FROM "ParticipationMonth" m
        JOIN "Program" p ON p."id" = m."programId"
        JOIN w ON ${column} = w.code AND m."month" >= w.start AND m."month" < w."end"
       WHERE m."lateLogs" > 0 AND p."agencyCode" = ANY(${agencies}::text[])
       GROUP BY 1, 2
    ), hours AS (
      SELECT cur.code, cur.period,
             count(*)::int AS "activeVolunteers",
             sum(cur.hours)::float8 AS "verifiedHours",
             (count(*) FILTER (WHERE cur."asLead"))::int AS "activeTeamLeads",
             (count(*) FILTER (WHERE prev."volunteerId" IS NOT NULL))::int AS "retainedVolunteers"
        FROM active cur
        LEFT JOIN active prev
          ON prev.code = cur.code AND prev.period = cur.period
         AND prev."volunteerId" = cur."volunteerId" AND NOT prev."inPeriod"
       WHERE cur."inPeriod"
       GROUP BY 1, 2
    ), ${programsRun(column, today, agencies)}
    SELECT w.code, w.period,
           coalesce(hours."activeVolunteers", 0) AS "activeVolunteers",
           coalesce(hours."verifiedHours", 0) AS "verifiedHours",
           coalesce(runs."beneficiaries", 0) AS "beneficiaries",
           coalesce(runs."programsRun", 0) AS "programsRun",
           coalesce(hours."retainedVolunteers", 0) AS "retainedVolunteers",
           coalesce(hours."activeTeamLeads", 0) AS "activeTeamLeads",
           coalesce(late."hoursVerifiedAfterClose", 0) AS "hoursVerifiedAfterClose"
      FROM w
      LEFT JOIN hours USING (code, period)
      LEFT JOIN runs USING (code, period)
      LEFT JOIN late USING (code, period)`,
  );
  return new Map(
    rows.map(({ code, period, ...figures }) => [codePeriodKey(code, period), figures]),
  );
}

/**
 * The common table expressions `ran` and `runs` of {@link figuresOfPeriods}: programs run and
 * beneficiaries of the rows of `w` (the batch's {@link windows}), by `column`, over the
 * `agencies`' programs, as the figures' comment explains. Shared by the month-row and the
 * rollup statements, which differ only in where the hours and distinct counts come from.
 */
export function programsRun(
  column: Prisma.Sql,
  today: Date,
  agencies: readonly string[],
): Prisma.Sql {
  return Prisma.sql`ran AS (
      -- Days counted with both ends included; date - date is a number of days.
      SELECT w.code, w.period, p."agencyCode" AS agency,
             p."beneficiariesServed"::numeric AS served,
             least(p."endDate", ${today}::date) - p."startDate" + 1 AS "daysRun",
             least(p."endDate", ${today}::date, w."end" - 1)
               - greatest(p."startDate", w.start) + 1 AS "daysInPeriod"
        FROM "Program" p
        JOIN w ON ${column} = w.code AND p."startDate" < w."end" AND p."endDate" >= w.start
       WHERE p."status" <> 'DRAFT' AND p."startDate" <= ${today}::date
         AND p."agencyCode" = ANY(${[...agencies]}::text[])
         AND NOT EXISTS (SELECT 1 FROM "PeriodClose" c
                          WHERE c."agencyCode" = p."agencyCode" AND c."period" = w.period)
      UNION ALL
      -- An agency's closed period: what each program counted at the close, as it was taken.
      SELECT w.code, w.period, p."agencyCode", p."served"::numeric, p."daysRun", p."daysInPeriod"
        -- Named as "Program" is, so every dimension's column reads the same on both.
        FROM (SELECT *, "programId" AS "id" FROM "ClosedPeriodProgram") p
        JOIN w ON ${column} = w.code AND p."period" = w.period
       WHERE p."agencyCode" = ANY(${[...agencies]}::text[])
    ), byAgency AS (
      SELECT code, period, count(*)::int AS "programsRun",
             round(sum(served * "daysInPeriod" / "daysRun"))::int AS "beneficiaries"
        FROM ran
       -- Dates in order are a business rule; a row breaking it must not divide by zero.
       WHERE "daysInPeriod" > 0 AND "daysRun" > 0
       GROUP BY code, period, agency
    ), runs AS (
      -- A region's or the nation's beneficiaries are the sum of its agencies', each rounded to
      -- a whole person: what the gateway adds up from one instance per agency, and what the
      -- agencies' league table adds up to.
      SELECT code, period, sum("programsRun")::int AS "programsRun",
             sum("beneficiaries")::int AS "beneficiaries"
        FROM byAgency
       GROUP BY 1, 2
    )`;
}

/** {@link figuresOfPeriods} of many agencies (or regions) in one period, by code. */
export async function periodFigures(
  db: PrismaClient,
  dimension: Dimension,
  codes: string[],
  period: Period,
  today: Date,
  held: readonly string[],
): Promise<Map<string, PeriodFigures>> {
  const byKey = await figuresOfPeriods(
    db,
    dimension,
    codes.map((code) => ({ code, period })),
    today,
    held,
  );
  return new Map(codes.map((code) => [code, byKey.get(codePeriodKey(code, period.key))!]));
}

/** Verified hours by skill of many agencies (or regions) in many periods, in one statement. */
export async function hoursBySkillOfPeriods(
  db: PrismaClient,
  dimension: Dimension,
  keys: readonly CodePeriod[],
  held: readonly string[],
): Promise<Map<string, { skillCode: string; hours: number }[]>> {
  const column = DIMENSION_COLUMN[dimension];
  const rows = await queryRows<{ code: string; period: string; skillCode: string; hours: number }>(
    db,
    Prisma.sql`
    SELECT w.code, w.period, m."skillCode", sum(m."hours")::float8 AS hours
      FROM ${COUNTED_MONTH} m
      JOIN "Program" p ON p."id" = m."programId"
      JOIN ${windows(keys)} ON ${column} = w.code AND m."month" >= w.start AND m."month" < w."end"
     WHERE p."agencyCode" = ANY(${[...held]}::text[])
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3`,
  );
  const result = new Map<string, { skillCode: string; hours: number }[]>();
  for (const { code, period, skillCode, hours } of rows) {
    const key = codePeriodKey(code, period);
    const list = result.get(key) ?? [];
    list.push({ skillCode, hours });
    result.set(key, list);
  }
  return result;
}

/** {@link hoursBySkillOfPeriods} of many agencies (or regions) in one period, by code. */
export async function periodHoursBySkill(
  db: PrismaClient,
  dimension: Dimension,
  codes: string[],
  period: Period,
  held: readonly string[],
): Promise<Map<string, { skillCode: string; hours: number }[]>> {
  const byKey = await hoursBySkillOfPeriods(
    db,
    dimension,
    codes.map((code) => ({ code, period })),
    held,
  );
  return new Map(
    codes.flatMap((code) => {
      const list = byKey.get(codePeriodKey(code, period.key));
      return list ? [[code, list] as const] : [];
    }),
  );
}
