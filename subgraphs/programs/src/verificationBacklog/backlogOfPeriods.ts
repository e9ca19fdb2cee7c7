import type { PrismaClient } from '../__generated__/prisma/client.ts';
import {
  codePeriodKey,
  DIMENSION_COLUMN,
  windows,
  type CodePeriod,
  type Dimension,
} from '../periodStats.ts';

/** Where the verification of the hours logged in a period stands. */
export interface VerificationBacklogModel {
  unverifiedHours: number;
  unverifiedLogs: number;
  /** The date of the oldest log still waiting, null when none waits. */
  oldestPendingDate: Date | null;
  verifiedLogs: number;
  /** Median of the days from a verified log's date to its verification; null without one. */
  medianDaysToVerify: number | null;
}

export const NO_BACKLOG: VerificationBacklogModel = {
  unverifiedHours: 0,
  unverifiedLogs: 0,
  oldestPendingDate: null,
  verifiedLogs: 0,
  medianDaysToVerify: null,
};

/**
 * The verification backlog of many agencies (or regions) in many periods, in one statement,
 * over the hour logs dated in each period of the held agencies' programs: what still waits,
 * since when, and how long verification took (the median in SQL, `percentile_cont`, over
 * whole days from the log's date to the UTC date of its verification).
 */
export async function backlogOfPeriods(
  db: PrismaClient,
  dimension: Dimension,
  keys: readonly CodePeriod[],
  held: readonly string[],
): Promise<Map<string, VerificationBacklogModel>> {
  const column = DIMENSION_COLUMN[dimension];
  const rows = await db.$queryRaw<({ code: string; period: string } & VerificationBacklogModel)[]>`
    SELECT w.code, w.period,
           coalesce(sum(l."hours") FILTER (WHERE NOT l."verified"), 0)::float8 AS "unverifiedHours",
           (count(l."id") FILTER (WHERE NOT l."verified"))::int AS "unverifiedLogs",
           min(l."date") FILTER (WHERE NOT l."verified") AS "oldestPendingDate",
           (count(l."id") FILTER (WHERE l."verified"))::int AS "verifiedLogs",
           (percentile_cont(0.5) WITHIN GROUP
              (ORDER BY ((l."verifiedAt" AT TIME ZONE 'UTC')::date - l."date"))
              FILTER (WHERE l."verified"))::float8 AS "medianDaysToVerify"
      FROM ${windows(keys)}
      LEFT JOIN (
        SELECT h.*, ${column} AS code
          FROM "HourLog" h
          JOIN "Participation" pa ON pa."id" = h."participationId"
          JOIN "Program" p ON p."id" = pa."programId"
         WHERE p."agencyCode" = ANY(${[...held]}::text[])
      ) l ON l.code = w.code AND l."date" >= w.start AND l."date" < w."end"
     GROUP BY 1, 2`;
  return new Map(
    rows.map(({ code, period, ...backlog }) => [codePeriodKey(code, period), backlog]),
  );
}
