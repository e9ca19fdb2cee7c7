import { parsePeriod, requireAggregates } from '@sahem/kit';
import type { ProgramPeriodResolvers } from '../__generated__/resolvers-types.ts';
import { economicValueOf } from '../economicValueOf.ts';

// A program's period belongs to the programs subgraph; its value is computed from the hours by
// skill the gateway fetches there (`@requires`), at the table in force on the period's first day.
export const ProgramPeriod: ProgramPeriodResolvers = {
  __resolveReference: (reference, { caller }) =>
    requireAggregates(caller) && { ...reference, period: parsePeriod(reference.period).key },
  economicValue: (program, _, context) =>
    economicValueOf(program.verifiedHoursBySkill, parsePeriod(program.period).start, context),
};
