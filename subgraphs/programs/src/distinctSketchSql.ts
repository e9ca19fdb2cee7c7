import {
  encodeSketch,
  queryRows,
  SKETCH_PRECISION,
  sketchFromRegisters,
  type Period,
  type SketchRegister,
} from '@sahem/kit';
import { Prisma, type PrismaClient } from './__generated__/prisma/client.ts';
import {
  codePeriodKey,
  COUNTED_MONTH,
  DIMENSION_COLUMN,
  windows,
  type CodePeriod,
} from './periodStats.ts';

/**
 * The sketch key of development and tests (`PROGRAMS_SKETCH_KEY` unset). It is public, so a
 * sketch made with it can be probed for a given volunteer; production refuses it.
 */
export const DEVELOPMENT_SKETCH_KEY = 'sahem-development-sketch-key';

/** The sets behind a region's or the nation's distinct counts, as encoded sketches. */
export interface PeriodSketches {
  /** Volunteers with a verified hour log dated in the period (`activeVolunteers`). */
  activeVolunteersSketch: string;
  /** Those of the previous period of the same length (with the first: `retainedVolunteers`). */
  previousActiveVolunteersSketch: string;
  /** Active volunteers with verified hours as a team lead in the period (`activeTeamLeads`). */
  activeTeamLeadsSketch: string;
}

const SKETCH_OF: Record<string, keyof PeriodSketches> = {
  active: 'activeVolunteersSketch',
  previous: 'previousActiveVolunteersSketch',
  lead: 'activeTeamLeadsSketch',
};

const REST_BITS = 64 - SKETCH_PRECISION;
const EMPTY = encodeSketch(sketchFromRegisters([]));

/** The sketches of a region or period nobody was active in. */
export const NO_SKETCHES: Readonly<PeriodSketches> = Object.freeze({
  activeVolunteersSketch: EMPTY,
  previousActiveVolunteersSketch: EMPTY,
  activeTeamLeadsSketch: EMPTY,
});

/**
 * The 64 bits a member is hashed to, as `sketchRegisterOf` in the kit computes them: the first 8
 * bytes of SHA-256(key ':' member), the text UTF-8 encoded. `member` is a column expression.
 */
export function hashBits(key: string, member: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`('x' || encode(substring(sha256(convert_to(${key} || ':' || ${member}, 'UTF8')) FROM 1 FOR 8), 'hex'))::bit(64)`;
}

/**
 * A member's register from its hash bits (column `bits`): the index is the first 14 bits, the
 * rank one more than the leading zeros of the other 50 (the position of their first 1), 51 when
 * they are all zero.
 */
export const REGISTER = Prisma.raw(
  `substring(bits FROM 1 FOR ${SKETCH_PRECISION})::int AS "index",
   coalesce(nullif(position(B'1' IN substring(bits FROM ${SKETCH_PRECISION + 1} FOR ${REST_BITS})), 0), ${REST_BITS + 1}) AS "rank"`,
);

/**
 * The registers of `members`, computed by the same SQL as the period sketches: the reference
 * test compares it with the kit's `sketchRegisterOf` row for row.
 */
export async function sketchRegistersInSql(
  db: PrismaClient,
  key: string,
  members: readonly string[],
): Promise<(SketchRegister & { member: string })[]> {
  return queryRows(
    db,
    Prisma.sql`
    SELECT member, ${REGISTER}
      FROM (SELECT member, n, ${hashBits(key, Prisma.raw('member'))} AS bits
              FROM unnest(${[...members]}::text[]) WITH ORDINALITY AS m(member, n)) hashed
     ORDER BY n`,
  );
}

/**
 * One statement for the three sketches of many regions (or the nation) in many periods, over the
 * held agencies' programs: every volunteer counted is hashed in SQL and only the highest rank of
 * each register leaves the database (at most 16,384 pairs a sketch), never a volunteer or an id.
 * The sets are exactly those `periodFigures` counts: verified hour logs dated in the period (or,
 * for the previous sketch, in the previous period of the same length). They are read from the
 * month rows, a year's worth of them for a year: `sketchesFromRollups` reads the rollups'
 * members instead and caches; this is for a store holding another agency's programs.
 */
export async function sketchesOfPeriods(
  db: PrismaClient,
  dimension: 'regionCode' | 'national',
  keys: readonly CodePeriod[],
  held: readonly string[],
  key: string,
): Promise<Map<string, PeriodSketches>> {
  const column = DIMENSION_COLUMN[dimension];
  const rows = await queryRows<{
    code: string;
    period: string;
    sketch: string;
    indexes: number[];
    ranks: number[];
  }>(
    db,
    Prisma.sql`
    WITH members AS (
      SELECT w.code, w.period, m."volunteerId" AS member,
             bool_or(m."month" >= w.start) AS active,
             bool_or(m."month" < w.start) AS previous,
             bool_or(m."month" >= w.start AND m."asLead") AS lead
        FROM ${COUNTED_MONTH} m
        JOIN "Program" p ON p."id" = m."programId"
        JOIN ${windows(keys)} ON ${column} = w.code AND m."month" >= w."prevStart" AND m."month" < w."end"
       WHERE p."agencyCode" = ANY(${[...held]}::text[])
       GROUP BY 1, 2, 3
    ), registers AS (
      SELECT code, period, active, previous, lead, ${REGISTER}
        FROM (SELECT *, ${hashBits(key, Prisma.raw('member'))} AS bits FROM members) hashed
    ), sketches AS (
      SELECT code, period, 'active' AS sketch, "index", max("rank") AS "rank"
        FROM registers WHERE active GROUP BY 1, 2, 4
      UNION ALL
      SELECT code, period, 'previous', "index", max("rank") FROM registers WHERE previous GROUP BY 1, 2, 4
      UNION ALL
      SELECT code, period, 'lead', "index", max("rank") FROM registers WHERE lead GROUP BY 1, 2, 4
    )
    SELECT code, period, sketch, array_agg("index" ORDER BY "index") AS indexes,
           array_agg("rank" ORDER BY "index") AS ranks
      FROM sketches
     GROUP BY 1, 2, 3`,
  );
  const result = new Map<string, PeriodSketches>(
    keys.map((one) => [codePeriodKey(one.code, one.period.key), { ...NO_SKETCHES }]),
  );
  for (const { code, period, sketch, indexes, ranks } of rows) {
    result.get(codePeriodKey(code, period))![SKETCH_OF[sketch]!] = encodedSketch(indexes, ranks);
  }
  return result;
}

/** A sketch from the registers SQL returns as two arrays, `array_agg("index")` and of `"rank"`. */
export function encodedSketch(indexes: readonly number[], ranks: readonly number[]): string {
  return encodeSketch(sketchFromRegisters(indexes.map((index, i) => ({ index, rank: ranks[i]! }))));
}

/** {@link sketchesOfPeriods} of many regions (or the nation) in one period, by code. */
export async function periodSketches(
  db: PrismaClient,
  dimension: 'regionCode' | 'national',
  codes: string[],
  period: Period,
  held: readonly string[],
  key: string,
): Promise<Map<string, PeriodSketches>> {
  const byKey = await sketchesOfPeriods(
    db,
    dimension,
    codes.map((code) => ({ code, period })),
    held,
    key,
  );
  return new Map(codes.map((code) => [code, byKey.get(codePeriodKey(code, period.key))!]));
}
