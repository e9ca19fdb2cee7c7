import type { VolunteerConnectionResolvers } from '../__generated__/resolvers-types.ts';
import { countVolunteers } from '../volunteerRows.ts';

export const VolunteerConnection: VolunteerConnectionResolvers = {
  // Counted only when a client asks: a COUNT over a large filter is the expensive part.
  totalCount: ({ where }, _, { db }) => countVolunteers(db, where),
};
