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
  /** The verified logs by days to verify, in order of days; at most `MAX_DAYS_TO_VERIFY + 1`. */
  daysToVerify: { value: number; count: number }[];
}

/**
 * Days to verify are capped here (a log verified later counts as this many days), so that the
 * histogram an instance sends the gateway for a national median has at most 367 buckets
 * whatever the data; the median itself uses the same capped days, on one store as on many.
 */
export const MAX_DAYS_TO_VERIFY = 366;

export const NO_BACKLOG: VerificationBacklogModel = {
  unverifiedHours: 0,
  unverifiedLogs: 0,
  oldestPendingDate: null,
  verifiedLogs: 0,
  medianDaysToVerify: null,
  daysToVerify: [],
};

/**
 * The verification backlog of many agencies, regions or the nation in many periods, in one
 * statement, over the hour logs dated in each period of the held agencies' programs: what still
 * waits, since when, and how long verification took (the median in SQL, `percentile_cont`, over
 * whole days from the log's date to the UTC date of its verification, capped), with the
 * histogram of those days the gateway merges across instances.
 */
export async function backlogOfPeriods(
  db: PrismaClient,
  dimension: Dimension,
  keys: readonly CodePeriod[],
  held: readonly string[],
): Promise<Map<string, VerificationBacklogModel>> {
  const column = DIMENSION_COLUMN[dimension];
  // `days` is null for a log not verified; a verification stamped before its log's date
  // (clock skew) counts as the same day rather than a negative wait.
  const rows = await db.$queryRaw<({ code: string; period: string } & VerificationBacklogModel)[]>`
    WITH l AS (
      SELECT w.code, w.period, g."hours", g."date", g."verified", g."id",
             CASE WHEN g."verified" THEN least(greatest(
               (g."verifiedAt" AT TIME ZONE 'UTC')::date - g."date", 0), ${MAX_DAYS_TO_VERIFY}::int)
             END AS days
        FROM ${windows(keys)}
        LEFT JOIN (
          SELECT h.*, ${column} AS code
            FROM "HourLog" h
            JOIN "Participation" pa ON pa."id" = h."participationId"
            JOIN "Program" p ON p."id" = pa."programId"
           WHERE p."agencyCode" = ANY(${[...held]}::text[])
        ) g ON g.code = w.code AND g."date" >= w.start AND g."date" < w."end"
    ), histogram AS (
      SELECT code, period, jsonb_agg(jsonb_build_object('value', days, 'count', n) ORDER BY days)
               AS buckets
        FROM (SELECT code, period, days, count(*)::int AS n
                FROM l WHERE days IS NOT NULL GROUP BY 1, 2, 3) d
       GROUP BY 1, 2
    )
    SELECT l.code, l.period,
           coalesce(sum(l."hours") FILTER (WHERE NOT l."verified"), 0)::float8 AS "unverifiedHours",
           (count(l."id") FILTER (WHERE NOT l."verified"))::int AS "unverifiedLogs",
           min(l."date") FILTER (WHERE NOT l."verified") AS "oldestPendingDate",
           (count(l."id") FILTER (WHERE l."verified"))::int AS "verifiedLogs",
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY l.days))::float8 AS "medianDaysToVerify",
           coalesce(min(hg.buckets::text), '[]')::jsonb AS "daysToVerify"
      FROM l LEFT JOIN histogram hg ON hg.code = l.code AND hg.period = l.period
     GROUP BY 1, 2`;
  return new Map(
    rows.map(({ code, period, ...backlog }) => [codePeriodKey(code, period), backlog]),
  );
}
