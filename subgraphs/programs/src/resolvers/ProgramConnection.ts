import type { ProgramConnectionResolvers } from '../__generated__/resolvers-types.ts';

export const ProgramConnection: ProgramConnectionResolvers = {
  // Counted only when a client asks for it.
  totalCount: ({ where }, _, { db }) => db.program.count({ where }),
};
