import { previousPeriod, type Period } from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';

/** What a period aggregate is grouped by: the program's agency, its region, or the country. */
export type Dimension = 'agencyCode' | 'regionCode' | 'national';

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

// Column names cannot be bound as parameters; these are the only expressions ever interpolated.
/** The expression a dimension groups programs (`p`) by. */
export const DIMENSION_COLUMN: Record<Dimension, Prisma.Sql> = {
  agencyCode: Prisma.raw('p."agencyCode"'),
  regionCode: Prisma.raw('p."regionCode"'),
  national: Prisma.raw(`'${NATIONAL}'::text`),
};

/**
 * One statement for the figures of many agencies (or regions) in one period. Hours and active
 * volunteers come from verified hour logs dated in the period. Retained volunteers were also
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
 * Only the programs of the `held` agencies count: an instance reports what it holds.
 */
export async function periodFigures(
  db: PrismaClient,
  dimension: Dimension,
  codes: string[],
  period: Period,
  today: Date,
  held: readonly string[],
): Promise<Map<string, PeriodFigures>> {
  const column = DIMENSION_COLUMN[dimension];
  const previous = previousPeriod(period);
  const rows = await db.$queryRaw<({ code: string } & PeriodFigures)[]>`
    WITH active AS (
      SELECT ${column} AS code, pa."volunteerId",
             h."date" >= ${period.start}::date AS "inPeriod",
             bool_or(pa."role" = 'TEAM_LEAD') AS "asLead",
             sum(h."hours") AS hours
        FROM "HourLog" h
        JOIN "Participation" pa ON pa."id" = h."participationId"
        JOIN "Program" p ON p."id" = pa."programId"
       WHERE ${COUNTED_LOG} AND h."date" >= ${previous.start}::date AND h."date" < ${period.end}::date
         AND ${column} = ANY(${codes}::text[]) AND p."agencyCode" = ANY(${[...held]}::text[])
       GROUP BY 1, 2, 3
    ), late AS (
      SELECT ${column} AS code, sum(h."hours")::float8 AS "hoursVerifiedAfterClose"
        FROM "HourLog" h
        JOIN "Participation" pa ON pa."id" = h."participationId"
        JOIN "Program" p ON p."id" = pa."programId"
       WHERE h."verifiedAfterClose" AND h."date" >= ${period.start}::date AND h."date" < ${period.end}::date
         AND ${column} = ANY(${codes}::text[]) AND p."agencyCode" = ANY(${[...held]}::text[])
       GROUP BY 1
    ), hours AS (
      SELECT cur.code,
             count(*)::int AS "activeVolunteers",
             sum(cur.hours)::float8 AS "verifiedHours",
             (count(*) FILTER (WHERE cur."asLead"))::int AS "activeTeamLeads",
             (count(*) FILTER (WHERE prev."volunteerId" IS NOT NULL))::int AS "retainedVolunteers"
        FROM active cur
        LEFT JOIN active prev
          ON prev.code = cur.code AND prev."volunteerId" = cur."volunteerId" AND NOT prev."inPeriod"
       WHERE cur."inPeriod"
       GROUP BY 1
    ), ran AS (
      -- Days counted with both ends included; date - date is a number of days.
      SELECT ${column} AS code,
             p."beneficiariesServed"::numeric AS served,
             least(p."endDate", ${today}::date) - p."startDate" + 1 AS "daysRun",
             least(p."endDate", ${today}::date, ${period.end}::date - 1)
               - greatest(p."startDate", ${period.start}::date) + 1 AS "daysInPeriod"
        FROM "Program" p
       WHERE p."status" <> 'DRAFT' AND p."startDate" <= ${today}::date
         AND p."startDate" < ${period.end}::date AND p."endDate" >= ${period.start}::date
         AND ${column} = ANY(${codes}::text[]) AND p."agencyCode" = ANY(${[...held]}::text[])
         AND NOT EXISTS (SELECT 1 FROM "PeriodClose" c
                          WHERE c."agencyCode" = p."agencyCode" AND c."period" = ${period.key})
      UNION ALL
      -- An agency's closed period: what each program counted at the close, as it was taken.
      SELECT ${column}, p."served"::numeric, p."daysRun", p."daysInPeriod"
        FROM "ClosedPeriodProgram" p
       WHERE p."period" = ${period.key}
         AND ${column} = ANY(${codes}::text[]) AND p."agencyCode" = ANY(${[...held]}::text[])
    ), runs AS (
      SELECT code,
             count(*)::int AS "programsRun",
             round(sum(served * "daysInPeriod" / "daysRun"))::int AS "beneficiaries"
        FROM ran
       -- Dates in order are a business rule; a row breaking it must not divide by zero.
       WHERE "daysInPeriod" > 0 AND "daysRun" > 0
       GROUP BY 1
    )
    SELECT c.code,
           coalesce(hours."activeVolunteers", 0) AS "activeVolunteers",
           coalesce(hours."verifiedHours", 0) AS "verifiedHours",
           coalesce(runs."beneficiaries", 0) AS "beneficiaries",
           coalesce(runs."programsRun", 0) AS "programsRun",
           coalesce(hours."retainedVolunteers", 0) AS "retainedVolunteers",
           coalesce(hours."activeTeamLeads", 0) AS "activeTeamLeads",
           coalesce(late."hoursVerifiedAfterClose", 0) AS "hoursVerifiedAfterClose"
      FROM unnest(${codes}::text[]) AS c(code)
      LEFT JOIN hours USING (code)
      LEFT JOIN runs USING (code)
      LEFT JOIN late USING (code)`;
  return new Map(rows.map(({ code, ...figures }) => [code, figures]));
}

/** Verified hours by skill for many agencies (or regions) in one period, in one statement. */
export async function periodHoursBySkill(
  db: PrismaClient,
  dimension: Dimension,
  codes: string[],
  period: Period,
  held: readonly string[],
): Promise<Map<string, { skillCode: string; hours: number }[]>> {
  const column = DIMENSION_COLUMN[dimension];
  const rows = await db.$queryRaw<{ code: string; skillCode: string; hours: number }[]>`
    SELECT ${column} AS code, pa."skillCode", sum(h."hours")::float8 AS hours
      FROM "HourLog" h
      JOIN "Participation" pa ON pa."id" = h."participationId"
      JOIN "Program" p ON p."id" = pa."programId"
     WHERE ${COUNTED_LOG} AND h."date" >= ${period.start}::date AND h."date" < ${period.end}::date
       AND ${column} = ANY(${codes}::text[]) AND p."agencyCode" = ANY(${[...held]}::text[])
     GROUP BY 1, 2
     ORDER BY 1, 2`;
  const result = new Map<string, { skillCode: string; hours: number }[]>();
  for (const { code, skillCode, hours } of rows) {
    const list = result.get(code) ?? [];
    list.push({ skillCode, hours });
    result.set(code, list);
  }
  return result;
}
