import DataLoader from 'dataloader';
import { batchByParams, byKeys, groupByKeys, isoDate, parsePeriod, queryRows } from '@sahem/kit';
import {
  Prisma,
  type PrismaClient,
  type Skill,
  type Volunteer,
} from './__generated__/prisma/client.ts';
import { selectVolunteers } from './volunteerRows.ts';

/** The code standing for the whole country in period loaders. */
export const NATIONAL = 'SA';

/** Per-request batch loaders: each turns N lookups in one tick into one statement. */
export function createLoaders(db: PrismaClient, ..._scope: unknown[]) {
  return {
    /**
     * Volunteers registered by the end of a period, for many regions (or `SA`, the whole
     * country) in one statement per period: a sum of the maintained registrations of each
     * region and month (`RegistrationMonth`), a few hundred rows whatever the volunteers.
     */
    registeredVolunteers: new DataLoader<{ id: string; period: string }, number, string>(
      (keys) =>
        batchByParams(
          keys,
          async (codes, { period }) => {
            // A period ends at midnight UTC on the first of a month, as the months are cut.
            const end = isoDate(parsePeriod(period).end);
            // Through the pg pool: `$queryRaw` cost more CPU than this statement (scenario 4).
            const rows = await queryRows<{ code: string; count: number }>(
              db,
              Prisma.sql`
                SELECT c.code, coalesce(sum(r."registrations"), 0)::int AS count
                  FROM unnest(${codes}::text[]) AS c(code)
                  LEFT JOIN "RegistrationMonth" r
                    ON r."month" < ${end}::date AND (c.code = ${NATIONAL} OR r."regionCode" = c.code)
                 GROUP BY c.code`,
            );
            return new Map(rows.map((row) => [row.code, row.count]));
          },
          0,
        ),
      { cacheKeyFn: (key) => `${key.id}|${key.period}` },
    ),
    // `_entities` of every Volunteer a request names (participants, team leads): the hot path.
    volunteer: new DataLoader<string, Volunteer | null>(async (ids) =>
      byKeys(
        ids,
        await selectVolunteers(db, Prisma.sql`v."id" = ANY(${[...ids]}::text[])`),
        (v) => v.id,
      ),
    ),
    // `_entities` of the skills of every hours-by-skill and economic value (scenario 3). Every
    // column is text, which `pg` parses as Prisma does.
    skill: new DataLoader<string, Skill | null>(async (codes) =>
      byKeys(
        codes,
        await queryRows<Skill>(
          db,
          Prisma.sql`SELECT "code", "nameAr", "nameEn", "majorGroup" FROM "Skill"
                      WHERE "code" = ANY(${[...codes]}::text[])`,
        ),
        (s) => s.code,
      ),
    ),
    skillsOfVolunteer: new DataLoader<string, Skill[]>(async (volunteerIds) => {
      const links = await db.volunteerSkill.findMany({
        where: { volunteerId: { in: [...volunteerIds] } },
        include: { skill: true },
        orderBy: { skillCode: 'asc' },
      });
      return groupByKeys(volunteerIds, links, (link) => link.volunteerId).map((group) =>
        group.map((link) => link.skill),
      );
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
