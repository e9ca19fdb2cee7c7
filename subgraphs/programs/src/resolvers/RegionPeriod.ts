import { parsePeriod, REGIONS } from '@sahem/kit';
import type { RegionPeriodResolvers } from '../__generated__/resolvers-types.ts';

export const RegionPeriod: RegionPeriodResolvers = {
  __resolveReference({ regionCode, period }) {
    parsePeriod(period);
    return REGIONS.has(regionCode) ? { regionCode, period } : null;
  },
  region: ({ regionCode }) => ({ code: regionCode }),
  activeVolunteers: (key, _, { loaders }) =>
    loaders.regionFigures.load({ id: key.regionCode, period: key.period }).then((f) => f.activeVolunteers),
  verifiedHours: (key, _, { loaders }) =>
    loaders.regionFigures.load({ id: key.regionCode, period: key.period }).then((f) => f.verifiedHours),
  beneficiaries: (key, _, { loaders }) =>
    loaders.regionFigures.load({ id: key.regionCode, period: key.period }).then((f) => f.beneficiaries),
  programsRun: (key, _, { loaders }) =>
    loaders.regionFigures.load({ id: key.regionCode, period: key.period }).then((f) => f.programsRun),
  verifiedHoursBySkill: (key, _, { loaders }) =>
    loaders.regionHoursBySkill.load({ id: key.regionCode, period: key.period }),
};
