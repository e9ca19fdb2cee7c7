import { parsePeriod, requireAggregates } from '@sahem/kit';
import type { NationalPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { NATIONAL } from '../loaders.ts';

export const NationalPeriod: NationalPeriodResolvers = {
  __resolveReference: ({ period }, { caller }) =>
    requireAggregates(caller) && { period: parsePeriod(period).key },
  registeredVolunteers: ({ period }, _, { loaders }) =>
    loaders.registeredVolunteers.load({ id: NATIONAL, period }),
};
