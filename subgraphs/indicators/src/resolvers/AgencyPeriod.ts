import { parsePeriod, requireAggregates } from '@sahem/kit';
import type { AgencyPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { buildScorecard } from '../buildScorecard.ts';
import { economicValueOf } from '../economicValueOf.ts';

// The period entities belong to the programs subgraph; this one adds fields computed from what
// the gateway passes along (`@requires`), so a reference is its own model.
export const AgencyPeriod: AgencyPeriodResolvers = {
  __resolveReference: (reference, { caller }) =>
    requireAggregates(caller) && { ...reference, period: parsePeriod(reference.period).key },
  economicValue: (agency, _, context) =>
    economicValueOf(agency.verifiedHoursBySkill, parsePeriod(agency.period).start, context),
  scorecard: (agency, _, context) => buildScorecard('AGENCY', agency.agencyCode, agency, context),
};
