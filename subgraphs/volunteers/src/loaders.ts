import DataLoader from 'dataloader';
import { byKeys, groupByKeys } from '@sahem/kit';
import type { PrismaClient, Skill, Volunteer } from './__generated__/prisma/client.ts';

/** Per-request batch loaders: each turns N lookups in one tick into one statement. */
export function createLoaders(db: PrismaClient) {
  return {
    volunteer: new DataLoader<string, Volunteer | null>(async (ids) =>
      byKeys(ids, await db.volunteer.findMany({ where: { id: { in: [...ids] } } }), (v) => v.id),
    ),
    skill: new DataLoader<string, Skill | null>(async (codes) =>
      byKeys(codes, await db.skill.findMany({ where: { code: { in: [...codes] } } }), (s) => s.code),
    ),
    skillsOfVolunteer: new DataLoader<string, Skill[]>(async (volunteerIds) => {
      const links = await db.volunteerSkill.findMany({
        where: { volunteerId: { in: [...volunteerIds] } },
        include: { skill: true },
        orderBy: { skillCode: 'asc' },
      });
      return groupByKeys(volunteerIds, links, (link) => link.volunteerId).map((group) =>
        group.map((link) => link.skill),
      );
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
