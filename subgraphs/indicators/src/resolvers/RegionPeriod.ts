import { BAD_USER_INPUT, isRegionCode, parsePeriod, requireAggregates } from '@sahem/kit';
import type { RegionPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { buildScorecard } from '../buildScorecard.ts';
import { economicValueOf } from '../economicValueOf.ts';

export const RegionPeriod: RegionPeriodResolvers = {
  __resolveReference(reference, { caller }) {
    requireAggregates(caller);
    if (!isRegionCode(reference.regionCode)) {
      throw BAD_USER_INPUT.err(`${reference.regionCode} is not a region code.`, {
        field: 'regionCode',
      });
    }
    return { ...reference, period: parsePeriod(reference.period).key };
  },
  economicValue: (region, _, context) =>
    economicValueOf(region.verifiedHoursBySkill, parsePeriod(region.period).start, context),
  scorecard: (region, _, context) => buildScorecard('REGION', region.regionCode, region, context),
};
