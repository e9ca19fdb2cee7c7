import type { Period } from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';

/** The program column a period aggregate is grouped by. */
export type Dimension = 'agencyCode' | 'regionCode';

/** The figures of one agency or region in one period. */
export interface PeriodFigures {
  activeVolunteers: number;
  verifiedHours: number;
  beneficiaries: number;
  programsRun: number;
}

export const NO_FIGURES: PeriodFigures = {
  activeVolunteers: 0,
  verifiedHours: 0,
  beneficiaries: 0,
  programsRun: 0,
};

// Column names cannot be bound as parameters; these two are the only ones ever interpolated.
const COLUMN: Record<Dimension, Prisma.Sql> = {
  agencyCode: Prisma.raw('"agencyCode"'),
  regionCode: Prisma.raw('"regionCode"'),
};

/**
 * One statement for the figures of many agencies (or regions) in one period. Hours and active
 * volunteers come from verified hour logs dated in the period; programs run are the non-draft
 * programs whose dates overlap it, and beneficiaries are theirs.
 */
export async function periodFigures(
  db: PrismaClient,
  dimension: Dimension,
  codes: string[],
  period: Period,
): Promise<Map<string, PeriodFigures>> {
  const column = COLUMN[dimension];
  const rows = await db.$queryRaw<({ code: string } & PeriodFigures)[]>`
    WITH hours AS (
      SELECT p.${column} AS code,
             count(DISTINCT pa."volunteerId")::int AS "activeVolunteers",
             sum(h."hours")::float8 AS "verifiedHours"
        FROM "HourLog" h
        JOIN "Participation" pa ON pa."id" = h."participationId"
        JOIN "Program" p ON p."id" = pa."programId"
       WHERE h."verified" AND h."date" >= ${period.start}::date AND h."date" < ${period.end}::date
         AND p.${column} = ANY(${codes}::text[])
       GROUP BY 1
    ), runs AS (
      SELECT p.${column} AS code,
             count(*)::int AS "programsRun",
             sum(p."beneficiariesServed")::int AS "beneficiaries"
        FROM "Program" p
       WHERE p."status" <> 'DRAFT'
         AND p."startDate" < ${period.end}::date AND p."endDate" >= ${period.start}::date
         AND p.${column} = ANY(${codes}::text[])
       GROUP BY 1
    )
    SELECT c.code,
           coalesce(hours."activeVolunteers", 0) AS "activeVolunteers",
           coalesce(hours."verifiedHours", 0) AS "verifiedHours",
           coalesce(runs."beneficiaries", 0) AS "beneficiaries",
           coalesce(runs."programsRun", 0) AS "programsRun"
      FROM unnest(${codes}::text[]) AS c(code)
      LEFT JOIN hours USING (code)
      LEFT JOIN runs USING (code)`;
  return new Map(rows.map(({ code, ...figures }) => [code, figures]));
}

/** Verified hours by skill for many agencies (or regions) in one period, in one statement. */
export async function periodHoursBySkill(
  db: PrismaClient,
  dimension: Dimension,
  codes: string[],
  period: Period,
): Promise<Map<string, { skillCode: string; hours: number }[]>> {
  const column = COLUMN[dimension];
  const rows = await db.$queryRaw<{ code: string; skillCode: string; hours: number }[]>`
    SELECT p.${column} AS code, pa."skillCode", sum(h."hours")::float8 AS hours
      FROM "HourLog" h
      JOIN "Participation" pa ON pa."id" = h."participationId"
      JOIN "Program" p ON p."id" = pa."programId"
     WHERE h."verified" AND h."date" >= ${period.start}::date AND h."date" < ${period.end}::date
       AND p.${column} = ANY(${codes}::text[])
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
