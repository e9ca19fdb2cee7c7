import type { VolunteerResolvers } from '../__generated__/resolvers-types.ts';
import { maskNationalId } from '../nationalId.ts';

export const Volunteer: VolunteerResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.volunteer.load(id),
  nationalIdMasked: (volunteer) => maskNationalId(volunteer.nationalIdLast4),
  region: (volunteer) => ({ code: volunteer.regionCode }),
  skills: (volunteer, _, { loaders }) => loaders.skillsOfVolunteer.load(volunteer.id),
  weeklyAvailabilityHours: (volunteer) => volunteer.weeklyAvailabilityHours.toNumber(),
};
