import type { ProgramResolvers } from '../__generated__/resolvers-types.ts';
import { economicValueOf } from '../economicValueOf.ts';
import { requireAnyScope } from '../requireAnyScope.ts';

// Programs belong to the programs subgraph; the value is computed from the verified hours by
// skill the gateway fetches there (`@requires`).
export const Program: ProgramResolvers = {
  __resolveReference: (reference) => reference,
  economicValue: (program, _, context) =>
    requireAnyScope(context.caller, ['aggregates:read', 'programs:write']) &&
    economicValueOf(program.verifiedHoursBySkill, undefined, context),
};
