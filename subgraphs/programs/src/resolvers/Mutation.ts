import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { closePeriod } from '../closedPeriods/closePeriod.ts';
import { participationMutations } from '../mutations/participationMutations.ts';
import { programMutations } from '../mutations/programMutations.ts';

export const Mutation: MutationResolvers = {
  ...programMutations,
  ...participationMutations,
  closePeriod,
};
