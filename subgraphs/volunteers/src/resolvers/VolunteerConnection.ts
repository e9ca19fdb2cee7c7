import type { VolunteerConnectionResolvers } from '../__generated__/resolvers-types.ts';

export const VolunteerConnection: VolunteerConnectionResolvers = {
  // Counted only when a client asks: a COUNT over a large filter is the expensive part.
  totalCount: ({ where }, _, { db }) => db.volunteer.count({ where }),
};
