import type { Volunteer as VolunteerRow } from '../__generated__/prisma/client.ts';
import type { VolunteerResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { personalDataAccess, volunteerRecordAccess } from '../personalData.ts';

type VolunteerModelWithAgencies = VolunteerRow & { agencyCodes?: string[] };
import { maskNationalId } from '../nationalId.ts';

/** A personal field's resolver: the value, if the caller may see this volunteer's. */
const personal =
  <T>(read: (volunteer: VolunteerModelWithAgencies) => T) =>
  (volunteer: VolunteerModelWithAgencies, _args: unknown, { caller, agencies }: Context): T => {
    const agency = personalDataAccess(caller, volunteer);
    if (agency) agencies.add(agency);
    return read(volunteer);
  };

export const Volunteer: VolunteerResolvers = {
  async __resolveReference(reference, { loaders, caller }) {
    volunteerRecordAccess(caller, reference.id);
    const volunteer = await loaders.volunteer.load(reference.id);
    // The gateway sends the volunteer's agencies along (`@requires`) for the personal fields.
    const agencyCodes = (reference as { agencyCodes?: string[] }).agencyCodes;
    return volunteer && { ...volunteer, ...(agencyCodes && { agencyCodes }) };
  },
  fullName: personal((volunteer) => volunteer.fullName),
  email: personal((volunteer) => volunteer.email),
  phone: personal((volunteer) => volunteer.phone),
  nationalIdMasked: personal((volunteer) => maskNationalId(volunteer.nationalIdLast4)),
  // Quasi-identifiers: with a region and a skill, two or three of them single a person out.
  gender: personal((volunteer) => volunteer.gender),
  birthYear: personal((volunteer) => volunteer.birthYear),
  city: personal((volunteer) => volunteer.city),
  registeredAt: personal((volunteer) => volunteer.registeredAt),
  region: (volunteer) => ({ code: volunteer.regionCode }),
  skills: (volunteer, _, { loaders }) => loaders.skillsOfVolunteer.load(volunteer.id),
  weeklyAvailabilityHours: (volunteer) => volunteer.weeklyAvailabilityHours.toNumber(),
};
