import type { SkillHoursResolvers } from '../__generated__/resolvers-types.ts';

export const SkillHours: SkillHoursResolvers = {
  skill: ({ skillCode }) => ({ code: skillCode }),
};
