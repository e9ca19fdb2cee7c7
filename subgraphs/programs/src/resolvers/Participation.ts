import { NOT_FOUND } from '@sahem/kit';
import type { ParticipationResolvers } from '../__generated__/resolvers-types.ts';

export const Participation: ParticipationResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.participation.load(id),
  volunteer: (participation) => ({ id: participation.volunteerId }),
  async program(participation, _, { loaders }) {
    const program = await loaders.program.load(participation.programId);
    if (!program) throw NOT_FOUND.err(`Program ${participation.programId} is gone.`);
    return program;
  },
  skill: (participation) => ({ code: participation.skillCode }),
  hourLogs: (participation, _, { loaders }) =>
    loaders.hourLogsOfParticipation.load(participation.id),
  verifiedHours: (participation, _, { loaders }) =>
    loaders.verifiedHoursOfParticipation.load({ id: participation.id, period: null }),
};
