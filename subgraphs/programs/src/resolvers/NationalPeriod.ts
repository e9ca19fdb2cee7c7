import { requireAggregates, parsePeriod, REGIONS } from '@sahem/kit';
import type { NationalPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { NATIONAL } from '../periodStats.ts';
import { periodFigureFields } from './periodFigureFields.ts';

export const NationalPeriod: NationalPeriodResolvers = {
  __resolveReference: ({ period }, { caller }) => {
    requireAggregates(caller);
    return { period: parsePeriod(period).key };
  },
  ...periodFigureFields(({ period }, loaders) =>
    loaders.nationalFigures.load({ id: NATIONAL, period }),
  ),
  verifiedHoursBySkill: ({ period }, _, { loaders }) =>
    loaders.nationalHoursBySkill.load({ id: NATIONAL, period }),
  regions: ({ period }) => [...REGIONS.keys()].map((regionCode) => ({ regionCode, period })),
  agencies: async ({ period }, _, { db }) => {
    const agencies = await db.agency.findMany({ select: { code: true }, orderBy: { code: 'asc' } });
    return agencies.map(({ code }) => ({ agencyCode: code, period }));
  },
};
