import { parsePeriod, REGIONS, requireAggregates } from '@sahem/kit';
import type { RegionPeriodResolvers } from '../__generated__/resolvers-types.ts';

export const RegionPeriod: RegionPeriodResolvers = {
  __resolveReference: ({ regionCode, period }, { caller }) =>
    requireAggregates(caller) && REGIONS.has(regionCode)
      ? { regionCode, period: parsePeriod(period).key }
      : null,
  registeredVolunteers: ({ regionCode, period }, _, { loaders }) =>
    loaders.registeredVolunteers.load({ id: regionCode, period }),
};
