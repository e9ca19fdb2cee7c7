import {
  pageRequest,
  parsePeriod,
  periodRange,
  queryRows,
  REGIONS,
  requireAggregates,
  requireScope,
  toConnection,
  today,
} from '@sahem/kit';
import { visiblePrograms } from '../access.ts';
import { rankPrograms } from '../leagueTables/rankPrograms.ts';
import { Prisma, type Agency } from '../__generated__/prisma/client.ts';
import type { ProgramFilter, QueryResolvers } from '../__generated__/resolvers-types.ts';

function programWhere(filter: ProgramFilter | null | undefined): Prisma.ProgramWhereInput {
  if (!filter) return {};
  return {
    ...(filter.agencyCode != null && { agencyCode: filter.agencyCode }),
    ...(filter.regionCode != null && { regionCode: filter.regionCode }),
    ...(filter.status != null && { status: filter.status }),
    ...(filter.kind != null && { kind: filter.kind }),
    ...(filter.activeOn != null && {
      startDate: { lte: filter.activeOn },
      endDate: { gte: filter.activeOn },
    }),
  };
}

export const Query: QueryResolvers = {
  // This instance's agencies: another agency is listed by its own instance.
  // Every column is text or int, which pg parses as Prisma does: through the pool, not Prisma.
  agencies: (_, __, { db, instance }) =>
    queryRows<Agency>(
      db,
      Prisma.sql`SELECT * FROM "Agency" WHERE "code" = ANY(${[...instance.codes]}::text[])
                  ORDER BY "code"`,
    ),
  agency: (_, { code }, { loaders }) => loaders.agency.load(code),
  program: (_, { id }, { loaders }) => loaders.program.load(id),

  async programs(_, { filter, first, after }, { db, caller, agencies, instance }) {
    const { take, after: afterId } = pageRequest(first, after);
    // Anonymous callers see the public catalogue: open programs only; everyone, this instance's.
    const where = { AND: [programWhere(filter), visiblePrograms(caller, instance.codes)] };
    const rows = await db.program.findMany({
      where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where,
      orderBy: { id: 'asc' },
      take: take + 1,
    });
    const connection = toConnection(rows, take, (row) => row.id);
    for (const { node } of connection.edges) agencies.add(node.agencyCode);
    return { ...connection, where };
  },

  participation: (_, { id }, { loaders, caller }) => {
    requireScope(caller, null, 'see participations');
    return loaders.participation.load(id);
  },

  async agencyPeriod(_, { agencyCode, period }, { loaders, caller }) {
    requireAggregates(caller);
    parsePeriod(period);
    const agency = await loaders.agency.load(agencyCode);
    return agency && { agencyCode, period };
  },

  async agencyPeriods(_, { period }, { db, caller, instance }) {
    requireAggregates(caller);
    parsePeriod(period);
    const agencies = await db.agency.findMany({
      where: { code: { in: [...instance.codes] } },
      select: { code: true },
      orderBy: { code: 'asc' },
    });
    return agencies.map(({ code }) => ({ agencyCode: code, period }));
  },

  regionPeriod: (_, { regionCode, period }, { caller }) => {
    requireAggregates(caller);
    parsePeriod(period);
    return REGIONS.has(regionCode) ? { regionCode, period } : null;
  },

  regionPeriods: (_, { period }, { caller }) => {
    requireAggregates(caller);
    parsePeriod(period);
    return [...REGIONS.keys()].map((regionCode) => ({ regionCode, period }));
  },

  nationalPeriod: (_, { period }, { caller }) => {
    requireAggregates(caller);
    return { period: parsePeriod(period).key };
  },

  async programRanking(
    _,
    { period, orderBy, agencyCode, regionCode, first },
    { db, caller, instance, now },
  ) {
    requireAggregates(caller);
    const parsed = parsePeriod(period);
    const { take } = pageRequest(first, null);
    const rows = await rankPrograms(db, {
      period: parsed,
      orderBy,
      first: take,
      agencyCode: agencyCode ?? null,
      regionCode: regionCode ?? null,
      today: today(now()),
      held: instance.codes,
    });
    return rows.map((row) => ({ ...row, period: parsed.key }));
  },

  // A series is its periods' entities: their figures are batched into one statement per kind.
  nationalTrend: (_, { from, to }, { caller }) => {
    requireAggregates(caller);
    return periodRange(from, to).map(({ key }) => ({ period: key }));
  },

  regionTrend: (_, { regionCode, from, to }, { caller }) => {
    requireAggregates(caller);
    const periods = periodRange(from, to);
    return REGIONS.has(regionCode) ? periods.map(({ key }) => ({ regionCode, period: key })) : null;
  },

  async agencyTrend(_, { agencyCode, from, to }, { loaders, caller }) {
    requireAggregates(caller);
    const periods = periodRange(from, to);
    const agency = await loaders.agency.load(agencyCode);
    return agency && periods.map(({ key }) => ({ agencyCode, period: key }));
  },
};
