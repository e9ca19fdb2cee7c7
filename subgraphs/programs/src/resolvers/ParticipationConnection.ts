import type { ParticipationConnectionResolvers } from '../__generated__/resolvers-types.ts';

export const ParticipationConnection: ParticipationConnectionResolvers = {
  totalCount: ({ programId, role, status }, _, { loaders }) =>
    loaders.participationCount.load({ id: programId, role, status }),
};
