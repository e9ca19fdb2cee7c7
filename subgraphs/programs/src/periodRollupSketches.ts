import { previousPeriod, queryRows } from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';
import {
  encodedSketch,
  hashBits,
  NO_SKETCHES,
  REGISTER,
  type PeriodSketches,
} from './distinctSketchSql.ts';
import type { PeriodSketchCache } from './periodSketchCache.ts';
import { holdsOthers, SCOPE } from './periodRollups.ts';
import { codePeriodKey, type CodePeriod } from './periodStats.ts';

/** One scope's code in one period of a grain, starting on `start` (`YYYY-MM-DD`). */
interface Cell {
  code: string;
  grain: string;
  start: string;
}

const EMPTY = NO_SKETCHES.activeVolunteersSketch;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The batch's cells as a table `c(code, grain, start)`. */
const cellsTable = (cells: readonly Cell[]) => Prisma.sql`unnest(
    ${cells.map((cell) => cell.code)}::text[],
    ${cells.map((cell) => cell.grain)}::text[],
    ${cells.map((cell) => cell.start)}::date[]) AS c(code, grain, start)`;

/**
 * The sketches of many regions (or the nation) in many periods, from the rollups' members
 * (`PeriodMember`): a key's active and lead sketches are those of its period's members, its
 * previous sketch the active one of the period before. Each period's sketches are cached by
 * the instance under the period's `PeriodTotal.version`, which changes whenever a member or a
 * team lead joins or leaves; so one statement reads the versions, and only the periods whose
 * members changed since (or never asked) are hashed again, in a second. The members of a
 * national year are tens of thousands: hashing them is what the cache saves, and what the
 * first request for a period pays. The cache belongs to one instance, and so to one sketch key.
 * Undefined when the store holds another agency's programs
 * (the caller then reads the month rows of the held agencies).
 */
export async function sketchesFromRollups(
  db: PrismaClient,
  dimension: 'regionCode' | 'national',
  keys: readonly CodePeriod[],
  held: readonly string[],
  key: string,
  cache: PeriodSketchCache,
): Promise<Map<string, PeriodSketches> | undefined> {
  const scope = SCOPE[dimension]!;
  const cellKey = (cell: Cell) => `${scope} ${cell.code} ${cell.grain} ${cell.start}`;
  const cells = new Map<string, Cell>();
  for (const { code, period } of keys) {
    for (const start of [period.start, previousPeriod(period).start]) {
      const cell = { code, grain: period.granularity, start: day(start) };
      cells.set(cellKey(cell), cell);
    }
  }
  const versions = await queryRows<Cell & { version: string | null; others: boolean }>(
    db,
    Prisma.sql`
    SELECT c.code, c.grain, to_char(c.start, 'YYYY-MM-DD') AS start, t."version"::text AS version,
           ${holdsOthers(scope, held)} AS others
      FROM ${cellsTable([...cells.values()])}
      LEFT JOIN "PeriodTotal" t
        ON t."scope" = ${scope} AND t."code" = c.code AND t."grain" = c.grain AND t."start" = c.start`,
  );
  if (versions.some((row) => row.others)) return undefined;

  const found = new Map<string, { active: string; lead: string }>();
  const stale: Cell[] = [];
  for (const row of versions) {
    const cached = row.version === null ? undefined : cache.get(cellKey(row));
    if (row.version === null) found.set(cellKey(row), { active: EMPTY, lead: EMPTY });
    else if (cached?.version === row.version) found.set(cellKey(row), cached);
    else stale.push(row);
  }
  if (stale.length > 0) {
    const rows = await queryRows<
      Cell & { sketch: 'active' | 'lead'; indexes: number[]; ranks: number[]; version: string }
    >(
      db,
      // The version is read in the statement that reads the members: the same snapshot.
      Prisma.sql`
      WITH registers AS (
        SELECT code, grain, start, lead, ${REGISTER}
          FROM (SELECT c.code, c.grain, c.start, m."leadLogs" > 0 AS lead,
                       ${hashBits(key, Prisma.raw('m."volunteerId"'))} AS bits
                  FROM ${cellsTable(stale)}
                  JOIN "PeriodMember" m ON m."scope" = ${scope} AND m."code" = c.code
                   AND m."grain" = c.grain AND m."start" = c.start) hashed
      ), sketches AS (
        SELECT code, grain, start, 'active' AS sketch, "index", max("rank") AS "rank"
          FROM registers GROUP BY 1, 2, 3, 5
        UNION ALL
        SELECT code, grain, start, 'lead', "index", max("rank")
          FROM registers WHERE lead GROUP BY 1, 2, 3, 5
      )
      SELECT s.code, s.grain, to_char(s.start, 'YYYY-MM-DD') AS start, s.sketch,
             array_agg(s."index" ORDER BY s."index") AS indexes,
             array_agg(s."rank" ORDER BY s."index") AS ranks,
             (SELECT t."version"::text FROM "PeriodTotal" t
               WHERE t."scope" = ${scope} AND t."code" = s.code AND t."grain" = s.grain
                 AND t."start" = s.start) AS version
        FROM sketches s
       GROUP BY s.code, s.grain, s.start, s.sketch`,
    );
    const computed = new Map<string, { version: string; active: string; lead: string }>();
    for (const row of rows) {
      const entry = computed.get(cellKey(row)) ?? {
        version: row.version,
        active: EMPTY,
        lead: EMPTY,
      };
      entry[row.sketch] = encodedSketch(row.indexes, row.ranks);
      computed.set(cellKey(row), entry);
    }
    for (const cell of stale) {
      const entry = computed.get(cellKey(cell));
      // Members gone since the versions were read: nobody to count, nothing to keep.
      found.set(cellKey(cell), entry ?? { active: EMPTY, lead: EMPTY });
      if (entry?.version) cache.set(cellKey(cell), entry);
    }
  }

  const result = new Map<string, PeriodSketches>();
  for (const { code, period } of keys) {
    const grain = period.granularity;
    const now = found.get(cellKey({ code, grain, start: day(period.start) }))!;
    const before = found.get(cellKey({ code, grain, start: day(previousPeriod(period).start) }))!;
    result.set(codePeriodKey(code, period.key), {
      activeVolunteersSketch: now.active,
      previousActiveVolunteersSketch: before.active,
      activeTeamLeadsSketch: now.lead,
    });
  }
  return result;
}
