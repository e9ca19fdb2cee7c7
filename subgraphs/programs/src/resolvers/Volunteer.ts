import { FORBIDDEN, hasScope, parsePeriod, requireScope } from '@sahem/kit';
import type { VolunteerResolvers } from '../__generated__/resolvers-types.ts';

/** Validates an optional period argument before it becomes part of a loader key. */
const periodKey = (period: string | null | undefined) =>
  period == null ? null : parsePeriod(period).key;

export const Volunteer: VolunteerResolvers = {
  // Any volunteer id is a valid reference here: a volunteer with no participation has none.
  __resolveReference: ({ id }) => ({ id }),
  // Which agencies a person volunteers with says a lot about them: the volunteer, staff and admins.
  agencyCodes: ({ id }, _, { loaders, caller }) => {
    requireScope(caller, null, "see a volunteer's agencies");
    if (caller.volunteerId !== id && !hasScope(caller, 'volunteers:search')) {
      throw FORBIDDEN.err(
        "A volunteer's agencies are visible to them, to agency staff and to admins.",
      );
    }
    return loaders.agencyCodesOfVolunteer.load(id);
  },
  participations: ({ id }, { status }, { loaders }) =>
    loaders.participationsOfVolunteer.load({ id, status: status ?? null }),
  verifiedHours: ({ id }, { period }, { loaders }) =>
    loaders.verifiedHoursOfVolunteer.load({ id, period: periodKey(period) }),
  verifiedHoursBySkill: ({ id }, { period }, { loaders }) =>
    loaders.hoursBySkillOfVolunteer.load({ id, period: periodKey(period) }),
};
