import { parsePeriod, requireAggregates } from '@sahem/kit';
import type { NationalPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { buildScorecard } from '../buildScorecard.ts';
import { economicValueOf } from '../economicValueOf.ts';

export const NationalPeriod: NationalPeriodResolvers = {
  __resolveReference: (reference, { caller }) =>
    requireAggregates(caller) && { ...reference, period: parsePeriod(reference.period).key },
  economicValue: (nation, _, context) =>
    economicValueOf(nation.verifiedHoursBySkill, parsePeriod(nation.period).start, context),
  scorecard: (nation, _, context) => buildScorecard('NATIONAL', null, nation, context),
};
