import type { SkillValueResolvers } from '../__generated__/resolvers-types.ts';

// Skills are resolved by the volunteers subgraph; this one only knows their codes.
export const SkillValue: SkillValueResolvers = {
  skill: ({ skillCode }) => ({ code: skillCode }),
};
