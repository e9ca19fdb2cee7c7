import { queryRows } from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';
import {
  codePeriodKey,
  DIMENSION_COLUMN,
  programsRun,
  windows,
  type CodePeriod,
  type Dimension,
  type PeriodFigures,
} from './periodStats.ts';
import type { ProgramsRunCache } from './programsRunCache.ts';

/**
 * The rollup scope (`PeriodTotal.scope`, kept by the migration `period_rollups`) a dimension
 * reads. Programs have no rollup: a program's figures read its own month rows, which are few.
 */
export const SCOPE: Partial<Record<Dimension, string>> = {
  agencyCode: 'agency',
  regionCode: 'region',
  national: 'national',
};

/** Whether `dimension` has rollups to read. */
export const hasRollups = (dimension: Dimension): boolean => SCOPE[dimension] !== undefined;

/**
 * The rows of scope `scope` for the batch's windows (`w`): the rollup rows of an agency are
 * only read for a held agency, as the month rows are only counted for held agencies' programs.
 */
function ownRows(alias: string, scope: string, held: readonly string[]): Prisma.Sql {
  const t = Prisma.raw(alias);
  return Prisma.sql`${t}."scope" = ${scope} AND ${t}."code" = w.code AND ${t}."grain" = w.grain
     AND ${t}."start" = w.start ${scope === 'agency' ? Prisma.sql`AND w.code = ANY(${[...held]}::text[])` : Prisma.empty}`;
}

/**
 * Whether the store holds programs of an agency the instance does not (rows left behind by a
 * move to another instance): region and national rollups would count them, so the figures are
 * then computed from the month rows of the held agencies' programs instead.
 */
export function holdsOthers(scope: string, held: readonly string[]): Prisma.Sql {
  return scope === 'agency'
    ? Prisma.sql`false`
    : Prisma.sql`EXISTS (SELECT 1 FROM "Agency" a
                    WHERE NOT (a."code" = ANY(${[...held]}::text[]))
                      AND EXISTS (SELECT 1 FROM "Program" p WHERE p."agencyCode" = a."code"))`;
}

/**
 * `figuresOfPeriods` from the rollups: the distinct counts are one `PeriodTotal` row and the
 * hours a few `PeriodSkillHours` rows per code and period, whatever the size of the period, so
 * a national year costs what a month does. Programs run and beneficiaries depend on today and
 * on every program of the period, so they are computed as there, in a second statement, only
 * for the keys `runs` has not kept for today under the current `ProgramsVersion`. Undefined
 * for programs, and when the store holds another agency's programs ({@link holdsOthers}): the
 * caller then computes from the month rows.
 */
export async function figuresFromRollups(
  db: PrismaClient,
  dimension: Dimension,
  keys: readonly CodePeriod[],
  today: Date,
  held: readonly string[],
  runs: ProgramsRunCache,
): Promise<Map<string, PeriodFigures> | undefined> {
  const scope = SCOPE[dimension];
  if (!scope || keys.length === 0) return undefined;
  type Counted = Omit<PeriodFigures, 'programsRun' | 'beneficiaries'>;
  const rows = await queryRows<
    { code: string; period: string; others: boolean; programsVersion: string } & Counted
  >(
    db,
    Prisma.sql`
    WITH w AS (SELECT * FROM ${windows(keys)}), sums AS (
      SELECT w.code, w.period, sum(s."hours")::float8 AS "verifiedHours",
             sum(s."lateHours")::float8 AS "hoursVerifiedAfterClose"
        FROM w JOIN "PeriodSkillHours" s ON ${ownRows('s', scope, held)}
       GROUP BY 1, 2
    )
    SELECT w.code, w.period,
           coalesce(t."activeVolunteers", 0) AS "activeVolunteers",
           coalesce(sums."verifiedHours", 0) AS "verifiedHours",
           coalesce(t."retainedVolunteers", 0) AS "retainedVolunteers",
           coalesce(t."activeTeamLeads", 0) AS "activeTeamLeads",
           coalesce(sums."hoursVerifiedAfterClose", 0) AS "hoursVerifiedAfterClose",
           ${holdsOthers(scope, held)} AS "others",
           (SELECT "version"::text FROM "ProgramsVersion") AS "programsVersion"
      FROM w
      LEFT JOIN "PeriodTotal" t ON ${ownRows('t', scope, held)}
      LEFT JOIN sums ON sums.code = w.code AND sums.period = w.period`,
  );
  if (rows.some((row) => row.others)) return undefined;

  const runKey = (code: string, period: string) =>
    `${dimension} ${code} ${period} ${today.toISOString().slice(0, 10)}`;
  // One version for the whole statement (a scalar subquery), and so for every row.
  const version = rows[0]?.programsVersion;
  const found = new Map<string, { programsRun: number; beneficiaries: number }>();
  const stale: CodePeriod[] = [];
  for (const one of keys) {
    const cached = runs.get(runKey(one.code, one.period.key));
    if (cached && cached.version === version) found.set(runKey(one.code, one.period.key), cached);
    else stale.push(one);
  }
  if (stale.length > 0) {
    const computed = await queryRows<{
      code: string;
      period: string;
      programsRun: number;
      beneficiaries: number;
      version: string;
    }>(
      db,
      // The version is read with the programs: the figures are labelled by the rows they saw.
      Prisma.sql`
      WITH w AS (SELECT * FROM ${windows(stale)}), ${programsRun(DIMENSION_COLUMN[dimension], today, held)}
      SELECT w.code, w.period,
             coalesce(runs."programsRun", 0) AS "programsRun",
             coalesce(runs."beneficiaries", 0) AS "beneficiaries",
             (SELECT "version"::text FROM "ProgramsVersion") AS version
        FROM w LEFT JOIN runs ON runs.code = w.code AND runs.period = w.period`,
    );
    for (const { code, period, ...run } of computed) {
      found.set(runKey(code, period), run);
      runs.set(runKey(code, period), run);
    }
  }
  return new Map(
    rows.map(({ code, period, others: _, programsVersion: __, ...counted }) => {
      const run = found.get(runKey(code, period));
      return [
        codePeriodKey(code, period),
        {
          ...counted,
          programsRun: run?.programsRun ?? 0,
          beneficiaries: run?.beneficiaries ?? 0,
        },
      ];
    }),
  );
}

/**
 * `hoursBySkillOfPeriods` from the rollups (`PeriodSkillHours`), in the same order; undefined
 * as {@link figuresFromRollups} is.
 */
export async function hoursBySkillFromRollups(
  db: PrismaClient,
  dimension: Dimension,
  keys: readonly CodePeriod[],
  held: readonly string[],
): Promise<Map<string, { skillCode: string; hours: number }[]> | undefined> {
  const scope = SCOPE[dimension];
  if (!scope || keys.length === 0) return undefined;
  const rows = await queryRows<{
    code: string;
    period: string;
    skillCode: string | null;
    hours: number | null;
    others: boolean;
  }>(
    db,
    // One row for the first window at least, so the flag comes back when no skill has hours.
    Prisma.sql`
    WITH w AS (SELECT * FROM ${windows(keys)})
    SELECT w.code, w.period, s."skillCode", s."hours"::float8 AS hours,
           ${holdsOthers(scope, held)} AS "others"
      FROM w LEFT JOIN "PeriodSkillHours" s ON ${ownRows('s', scope, held)} AND s."logs" > 0
     ORDER BY 1, 2, 3`,
  );
  if (rows.some((row) => row.others)) return undefined;
  const result = new Map<string, { skillCode: string; hours: number }[]>();
  for (const { code, period, skillCode, hours } of rows) {
    if (skillCode === null || hours === null) continue;
    const key = codePeriodKey(code, period);
    const list = result.get(key) ?? [];
    list.push({ skillCode, hours });
    result.set(key, list);
  }
  return result;
}
