import type { ValuationTableResolvers } from '../__generated__/resolvers-types.ts';

export const ValuationTable: ValuationTableResolvers = {
  defaultHourlyWageSar: (table) => table.defaultRate.toNumber(),
};
