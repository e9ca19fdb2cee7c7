import { requireAggregates, NOT_FOUND, parsePeriod } from '@sahem/kit';
import type { AgencyPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { coverageFields } from './periodContractFields.ts';
import { periodFigureFields } from './periodFigureFields.ts';
import { breakdownField } from '../breakdowns/breakdownField.ts';

export const AgencyPeriod: AgencyPeriodResolvers = {
  // Another agency's period reads as unknown: the loader knows held agencies only.
  async __resolveReference({ agencyCode, period }, { loaders, caller }) {
    requireAggregates(caller);
    parsePeriod(period);
    return (await loaders.agency.load(agencyCode)) ? { agencyCode, period } : null;
  },
  async agency({ agencyCode }, _, { loaders }) {
    const agency = await loaders.agency.load(agencyCode);
    if (!agency) throw NOT_FOUND.err(`No agency has the code ${agencyCode}.`);
    return agency;
  },
  ...periodFigureFields(({ agencyCode, period }, loaders) =>
    loaders.agencyFigures.load({ id: agencyCode, period }),
  ),
  verifiedHoursBySkill: (key, _, { loaders }) =>
    loaders.agencyHoursBySkill.load({ id: key.agencyCode, period: key.period }),
  verificationBacklog: ({ agencyCode, period }, _, { loaders }) =>
    loaders.agencyBacklog.load({ id: agencyCode, period }),
  closedAt: async ({ agencyCode, period }, _, { loaders }) =>
    (await loaders.periodCloses.load(period)).get(agencyCode) ?? null,
  ...coverageFields(({ agencyCode }: { agencyCode: string }) => [agencyCode]),
  breakdown: breakdownField(
    'agencyCode',
    (key: { agencyCode: string; period: string }) => key.agencyCode,
  ),
};
