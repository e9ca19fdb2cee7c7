import type { VolunteerResolvers } from '../__generated__/resolvers-types.ts';
import { economicValueOf } from '../economicValueOf.ts';

export const Volunteer: VolunteerResolvers = {
  __resolveReference: (reference) => reference,
  economicValue: (volunteer, _, context) =>
    economicValueOf(volunteer.verifiedHoursBySkill, undefined, context),
};
