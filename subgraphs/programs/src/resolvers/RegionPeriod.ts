import { requireAggregates, parsePeriod, REGIONS } from '@sahem/kit';
import type { RegionPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { closedAgenciesField, coverageFields, sketchFields } from './periodContractFields.ts';
import { periodFigureFields } from './periodFigureFields.ts';
import { breakdownField } from '../breakdowns/breakdownField.ts';

export const RegionPeriod: RegionPeriodResolvers = {
  __resolveReference({ regionCode, period }, { caller }) {
    requireAggregates(caller);
    parsePeriod(period);
    return REGIONS.has(regionCode) ? { regionCode, period } : null;
  },
  region: ({ regionCode }) => ({ code: regionCode }),
  ...periodFigureFields(({ regionCode, period }, loaders) =>
    loaders.regionFigures.load({ id: regionCode, period }),
  ),
  verifiedHoursBySkill: (key, _, { loaders }) =>
    loaders.regionHoursBySkill.load({ id: key.regionCode, period: key.period }),
  verificationBacklog: ({ regionCode, period }, _, { loaders }) =>
    loaders.regionBacklog.load({ id: regionCode, period }),
  // A region's figures cover the programs held there by this instance's agencies.
  ...coverageFields((_key, { instance }) => instance.codes),
  ...closedAgenciesField,
  ...sketchFields(({ regionCode, period }: { regionCode: string; period: string }, loaders) =>
    loaders.regionSketches.load({ id: regionCode, period }),
  ),
  breakdown: breakdownField(
    'regionCode',
    (key: { regionCode: string; period: string }) => key.regionCode,
  ),
};
