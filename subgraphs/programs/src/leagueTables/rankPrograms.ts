import { queryRows, type Period } from '@sahem/kit';
import { Prisma, type PrismaClient } from '../__generated__/prisma/client.ts';
import { COUNTED_MONTH } from '../periodStats.ts';

/** The figures a league table of programs can be ranked by. */
export type ProgramFigure = 'VERIFIED_HOURS' | 'ACTIVE_VOLUNTEERS' | 'BENEFICIARIES';

// The only expressions interpolated as SQL: one per figure, over the columns computed below.
const VALUE: Record<ProgramFigure, Prisma.Sql> = {
  VERIFIED_HOURS: Prisma.raw('coalesce(hours."verifiedHours", 0)'),
  ACTIVE_VOLUNTEERS: Prisma.raw('coalesce(hours."activeVolunteers", 0)'),
  BENEFICIARIES: Prisma.raw('coalesce(runs."beneficiaries", 0)'),
};

/** What a league table is asked for. */
export interface Ranking {
  period: Period;
  orderBy: ProgramFigure;
  first: number;
  agencyCode: string | null;
  regionCode: string | null;
  today: Date;
  held: readonly string[];
}

/** One row of a league table: a program and the figure it is ranked by. */
export interface Standing {
  programId: string;
  value: number;
}

/**
 * A league table in one statement: the held agencies' programs (of one agency or region when
 * given) that ran in the period or have hours counted in it, ranked by a figure of the period,
 * highest first and then by id, the first `first` of them. The figures are those of
 * `figuresOfPeriods` for a program: counted hours (a closed period's stand), distinct active
 * volunteers, and beneficiaries spread over the days run (as taken at a close, for a closed
 * period), rounded per program.
 */
export async function rankPrograms(db: PrismaClient, ranking: Ranking): Promise<Standing[]> {
  const { period, today } = ranking;
  const scope = Prisma.sql`p."agencyCode" = ANY(${[...ranking.held]}::text[])
    ${ranking.agencyCode === null ? Prisma.empty : Prisma.sql`AND p."agencyCode" = ${ranking.agencyCode}`}
    ${ranking.regionCode === null ? Prisma.empty : Prisma.sql`AND p."regionCode" = ${ranking.regionCode}`}`;
  return queryRows<Standing>(
    db,
    Prisma.sql`
    WITH hours AS (
      SELECT p."id", sum(m."hours")::float8 AS "verifiedHours",
             count(DISTINCT m."volunteerId")::int AS "activeVolunteers"
        FROM ${COUNTED_MONTH} m
        JOIN "Program" p ON p."id" = m."programId"
       WHERE m."month" >= ${period.start}::date AND m."month" < ${period.end}::date
         AND ${scope}
       GROUP BY 1
    ), ran AS (
      SELECT p."id", p."beneficiariesServed"::numeric AS served,
             least(p."endDate", ${today}::date) - p."startDate" + 1 AS "daysRun",
             least(p."endDate", ${today}::date, ${period.end}::date - 1)
               - greatest(p."startDate", ${period.start}::date) + 1 AS "daysInPeriod"
        FROM "Program" p
       WHERE p."status" <> 'DRAFT' AND p."startDate" <= ${today}::date
         AND p."startDate" < ${period.end}::date AND p."endDate" >= ${period.start}::date
         AND ${scope}
         AND NOT EXISTS (SELECT 1 FROM "PeriodClose" c
                          WHERE c."agencyCode" = p."agencyCode" AND c."period" = ${period.key})
      UNION ALL
      SELECT p."id", p."served"::numeric, p."daysRun", p."daysInPeriod"
        FROM (SELECT *, "programId" AS "id" FROM "ClosedPeriodProgram") p
       WHERE p."period" = ${period.key} AND ${scope}
    ), runs AS (
      SELECT "id", round(sum(served * "daysInPeriod" / "daysRun"))::int AS "beneficiaries"
        FROM ran
       WHERE "daysInPeriod" > 0 AND "daysRun" > 0
       GROUP BY 1
    )
    SELECT "id" AS "programId", ${VALUE[ranking.orderBy]}::float8 AS "value"
      FROM hours FULL JOIN runs USING ("id")
     ORDER BY 2 DESC, 1
     LIMIT ${ranking.first}`,
  );
}
