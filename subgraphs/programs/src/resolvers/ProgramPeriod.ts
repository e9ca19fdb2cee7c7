import { NOT_FOUND, parsePeriod, requireAggregates } from '@sahem/kit';
import type { Context } from '../context.ts';
import type { ProgramPeriodResolvers } from '../__generated__/resolvers-types.ts';
import type { ProgramPeriodModel } from '../mappers.ts';

const figures = ({ programId, period }: ProgramPeriodModel, loaders: Context['loaders']) =>
  loaders.programFigures.load({ id: programId, period });

// A program's figures in a period: the batch functions of the agencies' periods, grouped by
// program, so a league table's rows are one statement whatever their number.
export const ProgramPeriod: ProgramPeriodResolvers = {
  // Another agency's program reads as unknown: the loader knows held agencies only.
  async __resolveReference({ programId, period }, { loaders, caller }) {
    requireAggregates(caller);
    const key = parsePeriod(period).key;
    return (await loaders.program.load(programId)) ? { programId, period: key } : null;
  },
  async program({ programId }, _, { loaders }) {
    const program = await loaders.program.load(programId);
    if (!program) throw NOT_FOUND.err(`No program has the id ${programId}.`);
    return program;
  },
  activeVolunteers: async (key, _, { loaders }) => (await figures(key, loaders)).activeVolunteers,
  verifiedHours: async (key, _, { loaders }) => (await figures(key, loaders)).verifiedHours,
  beneficiaries: async (key, _, { loaders }) => (await figures(key, loaders)).beneficiaries,
  activeTeamLeads: async (key, _, { loaders }) => (await figures(key, loaders)).activeTeamLeads,
  hoursVerifiedAfterClose: async (key, _, { loaders }) =>
    (await figures(key, loaders)).hoursVerifiedAfterClose,
  verifiedHoursBySkill: ({ programId, period }, _, { loaders }) =>
    loaders.programHoursBySkill.load({ id: programId, period }),
};
