import type { SkillResolvers } from '../__generated__/resolvers-types.ts';

export const Skill: SkillResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.skill.load(code),
  name: (skill) => ({ ar: skill.nameAr, en: skill.nameEn }),
};
