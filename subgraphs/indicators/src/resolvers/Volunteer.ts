import type { VolunteerResolvers } from '../__generated__/resolvers-types.ts';
import { economicValueOf } from '../economicValueOf.ts';
import { requireAnyScope } from '../requireAnyScope.ts';

export const Volunteer: VolunteerResolvers = {
  __resolveReference: (reference) => reference,
  economicValue: (volunteer, _, context) =>
    requireAnyScope(context.caller, ['pii:read', 'aggregates:read']) &&
    economicValueOf(volunteer.verifiedHoursBySkill, undefined, context),
};
