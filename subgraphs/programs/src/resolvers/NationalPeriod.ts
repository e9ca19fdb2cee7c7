import { requireAggregates, parsePeriod, REGIONS } from '@sahem/kit';
import type { NationalPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { NATIONAL } from '../periodStats.ts';
import { closedAgenciesField, coverageFields, sketchFields } from './periodContractFields.ts';
import { periodFigureFields } from './periodFigureFields.ts';
import { breakdownField } from '../breakdowns/breakdownField.ts';

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
  verificationBacklog: ({ period }, _, { loaders }) =>
    loaders.nationalBacklog.load({ id: NATIONAL, period }),
  regions: ({ period }) => [...REGIONS.keys()].map((regionCode) => ({ regionCode, period })),
  // The agencies this instance holds (of those it has a row for).
  agencies: async ({ period }, _, { db, instance }) => {
    const agencies = await db.agency.findMany({
      where: { code: { in: [...instance.codes] } },
      select: { code: true },
      orderBy: { code: 'asc' },
    });
    return agencies.map(({ code }) => ({ agencyCode: code, period }));
  },
  ...coverageFields((_key, { instance }) => instance.codes),
  ...closedAgenciesField,
  ...sketchFields(({ period }: { period: string }, loaders) =>
    loaders.nationalSketches.load({ id: NATIONAL, period }),
  ),
  breakdown: breakdownField('national', () => NATIONAL),
};
