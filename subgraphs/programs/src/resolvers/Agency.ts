import { parsePeriod, requireAggregates } from '@sahem/kit';
import type { AgencyResolvers } from '../__generated__/resolvers-types.ts';

export const Agency: AgencyResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.agency.load(code),
  name: (agency) => ({ ar: agency.nameAr, en: agency.nameEn }),
  period: (agency, { period }, { caller }) => {
    requireAggregates(caller);
    return { agencyCode: agency.code, period: parsePeriod(period).key };
  },
};
