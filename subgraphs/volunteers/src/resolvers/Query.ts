import { BAD_USER_INPUT, pageRequest, REGIONS, requireScope, toConnection } from '@sahem/kit';
import { Prisma } from '../__generated__/prisma/client.ts';
import type { QueryResolvers, VolunteerFilter } from '../__generated__/resolvers-types.ts';
import { volunteerRecordAccess } from '../personalData.ts';
import { selectVolunteers } from '../volunteerRows.ts';

/** A volunteer filter as SQL on `v` (the `Volunteer` table): the search, its count, the counts. */
function volunteerSqlConditions(filter: VolunteerFilter | null | undefined): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter?.regionCode != null)
    conditions.push(Prisma.sql`v."regionCode" = ${filter.regionCode}`);
  if (filter?.status != null) conditions.push(Prisma.sql`v."status"::text = ${filter.status}`);
  if (filter?.kind != null) conditions.push(Prisma.sql`${filter.kind} = ANY(v."kinds"::text[])`);
  if (filter?.minWeeklyHours != null) {
    conditions.push(Prisma.sql`v."weeklyAvailabilityHours" >= ${filter.minWeeklyHours}`);
  }
  if (filter?.skillCode != null) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "VolunteerSkill" s
      WHERE s."volunteerId" = v."id" AND s."skillCode" = ${filter.skillCode})`);
  }
  return Prisma.join(conditions, ' AND ');
}

/** Most volunteers one search may name by id: one page. */
const MAX_IDS = 100;

const GROUP_KEY = {
  REGION: Prisma.sql`v."regionCode"`,
  STATUS: Prisma.sql`v."status"::text`,
  KIND: Prisma.sql`unnest(v."kinds")::text`,
} as const;

export const Query: QueryResolvers = {
  volunteer: (_, { id }, { loaders, caller }) => {
    volunteerRecordAccess(caller, id);
    return loaders.volunteer.load(id);
  },

  async volunteers(_, { filter, ids, first, after }, { db, caller }) {
    requireScope(caller, 'volunteers:search', 'search volunteers');
    const { take, after: afterId } = pageRequest(first, after);
    // An argument of the search alone, not of the filter: counts by a list of ids would tell an
    // analyst one person's region or status.
    if (ids && ids.length > MAX_IDS) {
      throw BAD_USER_INPUT.err(`ids may name at most ${MAX_IDS} volunteers; got ${ids.length}.`, {
        field: 'ids',
      });
    }
    const conditions = [volunteerSqlConditions(filter)];
    if (ids) conditions.push(Prisma.sql`v."id" = ANY(${ids}::text[])`);
    const where = Prisma.join(conditions, ' AND ');
    const rows = await selectVolunteers(
      db,
      afterId ? Prisma.sql`${where} AND v."id" > ${afterId}` : where,
      take + 1,
    );
    return { ...toConnection(rows, take, (row) => row.id), where };
  },

  async volunteerCounts(_, { by, filter }, { db, caller }) {
    requireScope(caller, 'aggregates:read', 'count volunteers');
    const rows = await db.$queryRaw<{ key: string; count: number }[]>`
      SELECT key, count(*)::int AS count
        FROM (SELECT ${GROUP_KEY[by]} AS key FROM "Volunteer" v
               WHERE ${volunteerSqlConditions(filter)}) AS keyed
       GROUP BY key ORDER BY key`;
    return rows;
  },

  skills: (_, __, { db }) => db.skill.findMany({ orderBy: { code: 'asc' } }),
  skill: (_, { code }, { loaders }) => loaders.skill.load(code),
  regions: () => [...REGIONS.keys()].map((code) => ({ code })),
};
