import {
  BAD_USER_INPUT,
  CONFLICT,
  FORBIDDEN,
  isoDate,
  NOT_FOUND,
  parsePeriod,
  periodsWithin,
  requireScope,
  today,
} from '@sahem/kit';
import { requireHeld } from '../agencies/requireHeld.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

/**
 * Closes a reporting period of one agency, in its own store: from then on the period's figures
 * stand as they were. In one transaction it
 *
 * - locks the agency's row, which `verifyHours` shares before it reads the closes: a
 *   verification either commits before the close (and counts) or sees it (and is flagged
 *   `verifiedAfterClose`, never counted in period figures) — no verification falls in between;
 * - records the close of the period and of every period within it not closed yet (a quarter's
 *   months, a year's quarters and months), so a month of a closed quarter stands too;
 * - takes what each program counted in each of them (beneficiaries so far, days run, days in
 *   the period), as `periodFigures` computes it today: those periods' beneficiaries and programs
 *   run are read from these rows from now on.
 *
 * Only a period that has ended can be closed, and only by a platform admin.
 */
export const closePeriod: MutationResolvers['closePeriod'] = (
  _,
  { agencyCode, period: text },
  { db, now, caller, instance, loaders },
) => {
  requireScope(caller, 'periods:close', 'close reporting periods');
  if (caller.role !== 'platform_admin') {
    throw FORBIDDEN.err('Only a platform admin closes a reporting period.');
  }
  requireHeld(instance, agencyCode, 'agencyCode');
  const period = parsePeriod(text);
  const closedAt = now();
  const day = today(closedAt);
  if (period.end > day) {
    throw BAD_USER_INPUT.err(
      `${period.key} has not ended (it ends on ${isoDate(new Date(period.end.getTime() - 86_400_000))}): only a period that has ended can be closed.`,
      { field: 'period' },
    );
  }
  const periods = [period, ...periodsWithin(period)];
  const closing = db.$transaction(async (tx) => {
    const [agency] = await tx.$queryRaw<{ code: string }[]>`
      SELECT "code" FROM "Agency" WHERE "code" = ${agencyCode} FOR UPDATE`;
    if (!agency)
      throw NOT_FOUND.err(`No agency has the code ${agencyCode}.`, { field: 'agencyCode' });
    const existing = await tx.periodClose.findUnique({
      where: { agencyCode_period: { agencyCode, period: period.key } },
    });
    if (existing) {
      throw CONFLICT.err(
        `${agencyCode} closed ${period.key} on ${existing.closedAt.toISOString()}: a closed period is not closed again.`,
        { field: 'period' },
      );
    }
    // Periods within it closed earlier keep their own close and what they counted then.
    const opened = await tx.$queryRaw<{ period: string }[]>`
      INSERT INTO "PeriodClose" ("agencyCode", "period", "startDate", "endDate", "closedAt", "closedBy")
      SELECT ${agencyCode}, q.period, q.start, q."end", ${closedAt}, ${caller.subject ?? 'unknown'}
        FROM unnest(${periods.map((p) => p.key)}::text[], ${periods.map((p) => isoDate(p.start))}::date[],
                    ${periods.map((p) => isoDate(p.end))}::date[]) AS q(period, start, "end")
      ON CONFLICT DO NOTHING
      RETURNING "period"`;
    const keys = new Set(opened.map((row) => row.period));
    const taken = periods.filter((p) => keys.has(p.key));
    // The same programs, days and shares as the live rule of `periodFigures`, frozen.
    await tx.$executeRaw`
      INSERT INTO "ClosedPeriodProgram"
             ("agencyCode", "period", "programId", "regionCode", "kind", "served", "daysRun", "daysInPeriod")
      SELECT * FROM (
        SELECT p."agencyCode", q.period, p."id", p."regionCode", p."kind", p."beneficiariesServed",
               least(p."endDate", ${day}::date) - p."startDate" + 1 AS "daysRun",
               least(p."endDate", ${day}::date, q."end" - 1) - greatest(p."startDate", q.start) + 1
                 AS "daysInPeriod"
          FROM "Program" p
          JOIN unnest(${taken.map((p) => p.key)}::text[], ${taken.map((p) => isoDate(p.start))}::date[],
                      ${taken.map((p) => isoDate(p.end))}::date[]) AS q(period, start, "end")
            ON p."startDate" < q."end" AND p."endDate" >= q.start
         WHERE p."agencyCode" = ${agencyCode} AND p."status" <> 'DRAFT' AND p."startDate" <= ${day}::date
      ) AS counted
       WHERE "daysRun" > 0 AND "daysInPeriod" > 0`;
    return { agencyCode, period: period.key };
  });
  // Closes this request read before (another alias's) no longer hold.
  return closing.finally(() => {
    for (const closed of periods) loaders.periodCloses.clear(closed.key);
  });
};
