import { parsePeriod, queryRows, REGIONS, type Period } from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';
import { sketchesFromRollups } from './periodRollupSketches.ts';
import type { PeriodSketchCache } from './periodSketchCache.ts';
import { NATIONAL } from './periodStats.ts';

/** Periods hashed in one statement while warming: a few national years' members at most. */
const PERIODS_PER_STATEMENT = 4;
/** Warming stops once the cache is this full, so that it never evicts what it warmed. */
const FILL = 0.75;

/** What a warm-up did, for the log. */
export interface SketchWarmUp {
  periods: number;
  cells: number;
  ms: number;
  /** Why it ended before the oldest period: the cache is full, the instance stopped, … */
  stoppedBecause?: string;
}

/** A period of the rollups (`PeriodTotal.grain`, `start`) as the API names it. */
function periodOf(grain: string, start: string): Period {
  const [year, month] = start.split('-');
  if (grain === 'YEAR') return parsePeriod(year!);
  if (grain === 'QUARTER') return parsePeriod(`${year}-Q${(Number(month) - 1) / 3 + 1}`);
  return parsePeriod(`${year}-${month}`);
}

/**
 * Fills an instance's sketch cache before anyone asks: the nation's and the 13 regions' members
 * of every period the rollups hold, newest first, a few periods a statement (with the period
 * before each, which retention needs). The first request for a national year would otherwise
 * hash its members while the analyst waits, about half a second an instance at national size;
 * warming pays that once at start, in the background, for every period, at once for all.
 * It reads only: the cache stays exact (each sketch under its version), so warming can never
 * change an answer, and a stop between two statements ends it. On a store holding another
 * agency's programs there is nothing to warm: those figures are read from the month rows.
 */
export async function warmPeriodSketches(
  db: PrismaClient,
  held: readonly string[],
  key: string,
  cache: PeriodSketchCache,
  signal: AbortSignal,
): Promise<SketchWarmUp> {
  const began = performance.now();
  const rows = await queryRows<{ grain: string; start: string }>(
    db,
    Prisma.sql`
    SELECT "grain", to_char("start", 'YYYY-MM-DD') AS start
      FROM "PeriodTotal"
     WHERE "scope" = 'national' AND "code" = ${NATIONAL} AND "start" <= current_date
     ORDER BY "start" DESC, "grain" DESC`,
  );
  const periods = rows.map((row) => periodOf(row.grain, row.start));
  const regions = [...REGIONS.keys()];
  const done: SketchWarmUp = { periods: 0, cells: 0, ms: 0 };
  const end = (stoppedBecause?: string): SketchWarmUp => ({
    ...done,
    ms: Math.round(performance.now() - began),
    ...(stoppedBecause && { stoppedBecause }),
  });
  for (let i = 0; i < periods.length; i += PERIODS_PER_STATEMENT) {
    if (signal.aborted) return end('the instance stopped');
    if (cache.calculatedSize > FILL * cache.maxSize) return end('the cache is full');
    const batch = periods.slice(i, i + PERIODS_PER_STATEMENT);
    const national = await sketchesFromRollups(
      db,
      'national',
      batch.map((period) => ({ code: NATIONAL, period })),
      held,
      key,
      cache,
    );
    if (!national) return end('the store holds another agency’s programs');
    const byRegion = await sketchesFromRollups(
      db,
      'regionCode',
      batch.flatMap((period) => regions.map((code) => ({ code, period }))),
      held,
      key,
      cache,
    );
    done.periods += batch.length;
    done.cells += national.size + (byRegion?.size ?? 0);
  }
  return end();
}

/** The warm-up's line in the instance's log. */
export function describeWarmUp(warmUp: SketchWarmUp): string {
  const ended = warmUp.stoppedBecause ? `, stopped: ${warmUp.stoppedBecause}` : '';
  return `period sketches warmed: ${warmUp.periods} periods, ${warmUp.cells} cells in ${warmUp.ms} ms${ended}`;
}
