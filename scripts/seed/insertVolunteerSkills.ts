import type { Prisma } from '../../subgraphs/volunteers/src/__generated__/prisma/client.ts';

/** One `VolunteerSkill` row: a volunteer and one of their ISCO-08 skills. */
export interface VolunteerSkillRow {
  volunteerId: string;
  skillCode: string;
}

/** Inserts `rows` in one statement, as {@link insertVolunteers} does. */
export function insertVolunteerSkills(
  tx: Prisma.TransactionClient,
  rows: readonly VolunteerSkillRow[],
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "VolunteerSkill" ("volunteerId", "skillCode")
    SELECT * FROM unnest(
      ${rows.map((row) => row.volunteerId)}::text[], ${rows.map((row) => row.skillCode)}::text[])`;
}
