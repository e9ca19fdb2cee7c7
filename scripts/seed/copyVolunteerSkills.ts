import type pg from 'pg';
import { copyRows } from './copyRows.ts';

/** One `VolunteerSkill` row: a volunteer and one of their ISCO-08 skills. */
export interface VolunteerSkillRow {
  volunteerId: string;
  skillCode: string;
}

/** Writes `rows` with one COPY (see {@link copyRows}); returns how many. */
export function copyVolunteerSkills(
  client: pg.ClientBase,
  rows: Iterable<VolunteerSkillRow>,
): Promise<number> {
  return copyRows(client, 'VolunteerSkill', ['volunteerId', 'skillCode'], fields(rows));
}

function* fields(rows: Iterable<VolunteerSkillRow>) {
  for (const row of rows) yield [row.volunteerId, row.skillCode];
}
