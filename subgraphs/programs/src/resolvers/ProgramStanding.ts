import { NOT_FOUND } from '@sahem/kit';
import type { ProgramStandingResolvers } from '../__generated__/resolvers-types.ts';

export const ProgramStanding: ProgramStandingResolvers = {
  async program({ programId }, _, { loaders }) {
    const program = await loaders.program.load(programId);
    if (!program) throw NOT_FOUND.err(`No program has the id ${programId}.`);
    return program;
  },
  figures: ({ programId, period }) => ({ programId, period }),
};
