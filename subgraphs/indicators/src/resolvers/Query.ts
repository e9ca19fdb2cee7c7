import { listLimit, parsePeriod, today } from '@sahem/kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { DEFAULT_TARGETS, MAX_TARGETS } from '../targetListLimits.ts';
import { tableInForce } from '../valuation.ts';

export const Query: QueryResolvers = {
  indicators: (_, __, { loaders }) => loaders.catalogue(),
  indicator: (_, { code }, { loaders }) => loaders.indicator.load(code),
  targets: (_, { indicatorCode, scope, scopeCode, period, first }, { db }) =>
    db.target.findMany({
      take: listLimit(first, MAX_TARGETS, DEFAULT_TARGETS),
      where: {
        ...(indicatorCode != null && { indicatorCode }),
        ...(scope != null && { scope }),
        ...(scopeCode != null && { scopeCode }),
        ...(period != null && { period: parsePeriod(period).key }),
      },
      orderBy: [
        { indicatorCode: 'asc' },
        { scope: 'asc' },
        { scopeCode: 'asc' },
        { period: 'asc' },
      ],
    }),
  valuationTables: (_, __, { loaders }) => loaders.valuationTables(),
  async valuationTable(_, { version }, { loaders, now }) {
    const tables = await loaders.valuationTables();
    if (version != null) return tables.find((table) => table.version === version) ?? null;
    return tableInForce(tables, today(now())) ?? null;
  },
};
