import DataLoader from 'dataloader';
import {
  agencyOfId,
  batchByParams,
  byKeys,
  groupByKeys,
  parsePeriod,
  queryRows,
  today,
  type Caller,
} from '@sahem/kit';
import { visibleParticipations, visibleProgramsSql } from './access.ts';
import { ownerOfId } from './agencies/ownedId.ts';
import type { ProgramsInstanceConfig } from './agencies/programsInstance.ts';
import {
  backlogOfPeriods,
  NO_BACKLOG,
  type VerificationBacklogModel,
} from './verificationBacklog/backlogOfPeriods.ts';
import { NO_SKETCHES, sketchesOfPeriods, type PeriodSketches } from './distinctSketchSql.ts';
import { createBreakdownLoader } from './breakdowns/breakdownLoader.ts';
import {
  Prisma,
  type Agency,
  type HourLog,
  type Participation,
  type ParticipationRole,
  type ParticipationStatus,
  type PrismaClient,
  type Program,
} from './__generated__/prisma/client.ts';
import type { SkillHoursModel } from './mappers.ts';
import { sketchesFromRollups } from './periodRollupSketches.ts';
import { figuresFromRollups, hoursBySkillFromRollups } from './periodRollups.ts';
import type { PeriodCaches } from './periodCaches.ts';
import {
  codePeriodKey,
  figuresOfPeriods,
  hoursBySkillOfPeriods,
  NO_FIGURES,
  type CodePeriod,
  type Dimension,
  type PeriodFigures,
} from './periodStats.ts';

/** A loader key carrying an optional period: `verifiedHours(period: "2026")` of one volunteer. */
interface PeriodKey {
  id: string;
  period: string | null;
}

/** A page request on one program's participations. */
export interface ParticipationPageKey {
  id: string;
  role: ParticipationRole | null;
  status: ParticipationStatus | null;
  take: number;
  after: string | null;
}

const TEAM_LEAD_STATUSES: ParticipationStatus[] = ['ACCEPTED', 'ACTIVE', 'COMPLETED'];

// DataLoader caches by key identity; object keys need a stable text form.
const cacheKeyFn = (key: object) => JSON.stringify(key);

/** Restricts hour logs (`h`) to a period, when one is given. */
function periodCondition(periodKey: string | null): Prisma.Sql {
  if (periodKey === null) return Prisma.empty;
  const period = parsePeriod(periodKey);
  return Prisma.sql`AND h."date" >= ${period.start}::date AND h."date" < ${period.end}::date`;
}

/** Whose hours a loader sums: the participation column (`pa`) it groups by. */
type Owner = 'volunteer' | 'participation' | 'program';
const OWNER: Record<Owner, Prisma.Sql> = {
  volunteer: Prisma.raw('pa."volunteerId"'),
  participation: Prisma.raw('pa."id"'),
  program: Prisma.raw('pa."programId"'),
};

/**
 * Per-request batch loaders: each turns N lookups in one tick into one statement. They return
 * records of the instance's held agencies only (another agency's record reads as unknown, even
 * if its rows are in this database); loaders of participations only those the caller may see;
 * and every program or participation they return is noted in `agencies` for the audit trail.
 * `now` is the server's clock, by which period figures count the days elapsed; `sketchKey` is
 * hashed with volunteer ids in the distinct-count sketches; `caches` are the server's (for its
 * one key), kept between requests.
 */
export function createLoaders(
  db: PrismaClient,
  caller: Caller,
  agencies: Set<string>,
  now: () => Date,
  instance: ProgramsInstanceConfig,
  sketchKey: string,
  caches: PeriodCaches,
) {
  const held = instance.codes;
  const visible = visibleParticipations(caller, held);
  // Hour sums group by the participation alone; its program id names the agency (`SCD-00042`).
  const ofHeld = Prisma.sql`AND split_part(pa."programId", '-', 1) = ANY(${[...held]}::text[])`;
  const noted = <T extends { programId: string }>(rows: T[]): T[] => {
    for (const row of rows) agencies.add(agencyOfId(row.programId));
    return rows;
  };
  /** Verified hours of many volunteers, participations or programs, in one statement. */
  const verifiedHours = (owner: Owner) =>
    new DataLoader<PeriodKey, number, string>(
      (keys) =>
        batchByParams(
          keys,
          async (ids, { period }) => {
            const rows = await queryRows<{ id: string; hours: number }>(
              db,
              Prisma.sql`
              SELECT ${OWNER[owner]} AS id, sum(h."hours")::float8 AS hours
                FROM "HourLog" h JOIN "Participation" pa ON pa."id" = h."participationId"
               WHERE h."verified" AND ${OWNER[owner]} = ANY(${ids}::text[])
                 ${ofHeld} ${periodCondition(period)}
               GROUP BY 1`,
            );
            return new Map(rows.map((row) => [row.id, row.hours]));
          },
          0,
        ),
      { cacheKeyFn },
    );

  /** Verified hours by skill of many volunteers or programs, in one statement. */
  const hoursBySkill = (owner: 'volunteer' | 'program') =>
    new DataLoader<PeriodKey, SkillHoursModel[], string>(
      (keys) =>
        batchByParams(
          keys,
          async (ids, { period }) => {
            const rows = await queryRows<{ id: string; skillCode: string; hours: number }>(
              db,
              Prisma.sql`
              SELECT ${OWNER[owner]} AS id, pa."skillCode", sum(h."hours")::float8 AS hours
                FROM "HourLog" h JOIN "Participation" pa ON pa."id" = h."participationId"
               WHERE h."verified" AND ${OWNER[owner]} = ANY(${ids}::text[])
                 ${ofHeld} ${periodCondition(period)}
               GROUP BY 1, 2 ORDER BY 1, 2`,
            );
            const grouped = groupByKeys(ids, rows, (row) => row.id);
            return new Map(
              ids.map((id, i) => [
                id,
                grouped[i]!.map(({ skillCode, hours }) => ({ skillCode, hours })),
              ]),
            );
          },
          [] as SkillHoursModel[],
        ),
      { cacheKeyFn },
    );

  // Every key of a batch, whatever its period, in one statement: a trend of 36 periods too.
  const keysOf = (keys: readonly { id: string; period: string }[]): CodePeriod[] =>
    keys.map(({ id, period }) => ({ code: id, period: parsePeriod(period) }));
  const inOrder = <V>(
    keys: readonly { id: string; period: string }[],
    found: Map<string, V>,
    missing: V,
  ) => keys.map(({ id, period }) => found.get(codePeriodKey(id, period)) ?? missing);

  /** Figures of many agencies or regions in many periods. */
  const figures = (dimension: Dimension) =>
    new DataLoader<{ id: string; period: string }, PeriodFigures, string>(
      async (keys) =>
        inOrder(
          keys,
          (await figuresFromRollups(
            db,
            dimension,
            keysOf(keys),
            today(now()),
            held,
            caches.programsRun,
          )) ?? (await figuresOfPeriods(db, dimension, keysOf(keys), today(now()), held)),
          NO_FIGURES,
        ),
      { cacheKeyFn },
    );

  const figuresBySkill = (dimension: Dimension) =>
    new DataLoader<{ id: string; period: string }, SkillHoursModel[], string>(
      async (keys) =>
        inOrder(
          keys,
          (await hoursBySkillFromRollups(db, dimension, keysOf(keys), held)) ??
            (await hoursBySkillOfPeriods(db, dimension, keysOf(keys), held)),
          [] as SkillHoursModel[],
        ),
      { cacheKeyFn },
    );

  /** Distinct-count sketches of many regions (or the nation) in many periods, in one statement. */
  const sketches = (dimension: 'regionCode' | 'national') =>
    new DataLoader<{ id: string; period: string }, PeriodSketches, string>(
      async (keys) =>
        inOrder(
          keys,
          (await sketchesFromRollups(
            db,
            dimension,
            keysOf(keys),
            held,
            sketchKey,
            caches.sketches,
          )) ?? (await sketchesOfPeriods(db, dimension, keysOf(keys), held, sketchKey)),
          NO_SKETCHES,
        ),
      { cacheKeyFn },
    );

  /** Verification backlogs of many agencies, regions or the nation in many periods, in one statement. */
  const backlog = (dimension: 'agencyCode' | 'regionCode' | 'national') =>
    new DataLoader<{ id: string; period: string }, VerificationBacklogModel, string>(
      async (keys) =>
        inOrder(keys, await backlogOfPeriods(db, dimension, keysOf(keys), held), NO_BACKLOG),
      { cacheKeyFn },
    );

  return {
    agencyBacklog: backlog('agencyCode'),
    regionBacklog: backlog('regionCode'),
    nationalBacklog: backlog('national'),
    // Sketches only where the gateway merges cells: an instance holding every agency never does.
    breakdown: createBreakdownLoader(db, held, sketchKey, !instance.whole, now),
    agency: new DataLoader<string, Agency | null>(async (codes) =>
      byKeys(
        codes,
        // Every column is text or int, which pg parses as Prisma does.
        await queryRows<Agency>(
          db,
          Prisma.sql`SELECT * FROM "Agency"
                      WHERE "code" = ANY(${codes.filter((code) => instance.holds(code))}::text[])`,
        ),
        (a) => a.code,
      ),
    ),
    program: new DataLoader<string, Program | null>(async (ids) =>
      byKeys(
        ids,
        noted(
          // The program of every participation and hour log asked: through the pool.
          (
            await queryRows<Program>(
              db,
              Prisma.sql`SELECT * FROM "Program" p
                          WHERE p."id" = ANY(${[...ids]}::text[]) AND ${visibleProgramsSql(caller, held)}`,
            )
          ).map((program) => ({ ...program, programId: program.id })),
        ),
        (p) => p.id,
      ),
    ),
    participation: new DataLoader<string, Participation | null>(async (ids) => {
      // Only a key naming a held agency can be one of this instance's participations.
      const owned = ids.filter((id) => instance.holds(ownerOfId(id) ?? ''));
      return byKeys(
        ids,
        noted(
          await queryRows<Participation>(
            db,
            Prisma.sql`SELECT pa.* FROM "Participation" pa JOIN "Program" p ON p."id" = pa."programId"
                        WHERE pa."id" = ANY(${owned}::text[]) AND ${visible.sql}`,
          ),
        ),
        (p) => p.id,
      );
    }),
    participationsOfVolunteer: new DataLoader<
      { id: string; status: ParticipationStatus | null },
      Participation[],
      string
    >(
      (keys) =>
        batchByParams(
          keys,
          async (ids, { status }) => {
            // Every volunteer of a search page asks (scenario 2): through the pool.
            const rows = noted(
              await queryRows<Participation>(
                db,
                Prisma.sql`SELECT pa.* FROM "Participation" pa JOIN "Program" p ON p."id" = pa."programId"
                            WHERE pa."volunteerId" = ANY(${ids}::text[]) AND ${visible.sql}
                              ${status ? Prisma.sql`AND pa."status"::text = ${status}` : Prisma.empty}
                            ORDER BY pa."appliedAt" DESC, pa."id"`,
              ),
            );
            const grouped = groupByKeys(ids, rows, (row) => row.volunteerId);
            return new Map(ids.map((id, i) => [id, grouped[i]!]));
          },
          [] as Participation[],
        ),
      { cacheKeyFn },
    ),
    /** Agencies whose programs each volunteer applied to or takes part in (not withdrawn). */
    agencyCodesOfVolunteer: new DataLoader<string, string[]>(async (volunteerIds) => {
      const rows = await queryRows<{ volunteerId: string; agencyCode: string }>(
        db,
        Prisma.sql`
        SELECT DISTINCT pa."volunteerId", p."agencyCode"
          FROM "Participation" pa JOIN "Program" p ON p."id" = pa."programId"
         WHERE pa."volunteerId" = ANY(${[...volunteerIds]}::text[]) AND pa."status" <> 'WITHDRAWN'
           AND p."agencyCode" = ANY(${[...held]}::text[])
         ORDER BY 2`,
      );
      return groupByKeys(volunteerIds, rows, (row) => row.volunteerId).map((group) =>
        group.map((row) => row.agencyCode),
      );
    }),
    teamLeadsOfProgram: new DataLoader<string, Participation[]>(async (programIds) =>
      groupByKeys(
        programIds,
        noted(
          await queryRows<Participation>(
            db,
            Prisma.sql`SELECT pa.* FROM "Participation" pa JOIN "Program" p ON p."id" = pa."programId"
                        WHERE pa."programId" = ANY(${[...programIds]}::text[])
                          AND pa."role" = 'TEAM_LEAD'
                          AND pa."status"::text = ANY(${TEAM_LEAD_STATUSES}::text[])
                          AND ${visible.sql}
                        ORDER BY pa."appliedAt", pa."id"`,
          ),
        ),
        (row) => row.programId,
      ),
    ),
    /**
     * One page of participations for each of many programs, in one statement: a window
     * function numbers each program's rows so every program gets its own `take + 1`.
     */
    participationPage: new DataLoader<ParticipationPageKey, Participation[], string>(
      (keys) =>
        batchByParams(
          keys,
          async (programIds, { role, status, take, after }) => {
            // Application order, continued after the cursor's participation.
            const afterCursor = after
              ? Prisma.sql`AND (pa."appliedAt", pa."id") >
                  (SELECT "appliedAt", "id" FROM "Participation" WHERE "id" = ${after})`
              : Prisma.empty;
            const rows = await queryRows<Participation>(
              db,
              Prisma.sql`
              SELECT "id", "volunteerId", "programId", "role", "status", "skillCode", "appliedAt", "joinedOn"
                FROM (SELECT pa.*,
                             row_number() OVER (PARTITION BY pa."programId" ORDER BY pa."appliedAt", pa."id") AS rank
                        FROM "Participation" pa
                        JOIN "Program" p ON p."id" = pa."programId"
                       WHERE pa."programId" = ANY(${programIds}::text[]) AND ${visible.sql}
                         ${role ? Prisma.sql`AND pa."role"::text = ${role}` : Prisma.empty}
                         ${status ? Prisma.sql`AND pa."status"::text = ${status}` : Prisma.empty}
                         ${afterCursor}) AS ranked
               WHERE rank <= ${take + 1}
               ORDER BY "programId", "appliedAt", "id"`,
            );
            const grouped = groupByKeys(programIds, noted(rows), (row) => row.programId);
            return new Map(programIds.map((id, i) => [id, grouped[i]!]));
          },
          [] as Participation[],
        ),
      { cacheKeyFn },
    ),
    participationCount: new DataLoader<
      { id: string; role: ParticipationRole | null; status: ParticipationStatus | null },
      number,
      string
    >(
      (keys) =>
        batchByParams(
          keys,
          async (programIds, { role, status }) => {
            // A program page's `totalCount` (scenario 3): through the pool.
            const rows = await queryRows<{ programId: string; count: number }>(
              db,
              Prisma.sql`SELECT pa."programId", count(*)::int AS count
                           FROM "Participation" pa JOIN "Program" p ON p."id" = pa."programId"
                          WHERE pa."programId" = ANY(${programIds}::text[]) AND ${visible.sql}
                            ${role ? Prisma.sql`AND pa."role"::text = ${role}` : Prisma.empty}
                            ${status ? Prisma.sql`AND pa."status"::text = ${status}` : Prisma.empty}
                          GROUP BY 1`,
            );
            return new Map(rows.map((row) => [row.programId, row.count]));
          },
          0,
        ),
      { cacheKeyFn },
    ),
    hourLogsOfParticipation: new DataLoader<string, HourLog[]>(async (ids) =>
      groupByKeys(
        ids,
        await db.hourLog.findMany({
          where: { participationId: { in: [...ids] } },
          orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
        }),
        (row) => row.participationId,
      ),
    ),
    verifiedHoursOfVolunteer: verifiedHours('volunteer'),
    verifiedHoursOfParticipation: verifiedHours('participation'),
    verifiedHoursOfProgram: verifiedHours('program'),
    hoursBySkillOfVolunteer: hoursBySkill('volunteer'),
    hoursBySkillOfProgram: hoursBySkill('program'),
    agencyFigures: figures('agencyCode'),
    regionFigures: figures('regionCode'),
    agencyHoursBySkill: figuresBySkill('agencyCode'),
    regionHoursBySkill: figuresBySkill('regionCode'),
    nationalFigures: figures('national'),
    programFigures: figures('programId'),
    programHoursBySkill: figuresBySkill('programId'),
    nationalHoursBySkill: figuresBySkill('national'),
    /** The closes of many periods by the held agencies (agency → when), in one statement. */
    periodCloses: new DataLoader<string, Map<string, Date>>(async (periods) => {
      // Asked by every agency's period of a scorecard: through the pool, not Prisma.
      const rows = await queryRows<{ agencyCode: string; period: string; closedAt: Date }>(
        db,
        Prisma.sql`SELECT "agencyCode", "period", "closedAt" FROM "PeriodClose"
                    WHERE "period" = ANY(${[...periods]}::text[])
                      AND "agencyCode" = ANY(${[...held]}::text[])
                    ORDER BY "agencyCode"`,
      );
      return groupByKeys(periods, rows, (row) => row.period).map(
        (group) => new Map(group.map((row) => [row.agencyCode, row.closedAt])),
      );
    }),
    regionSketches: sketches('regionCode'),
    nationalSketches: sketches('national'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
