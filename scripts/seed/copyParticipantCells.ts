import type pg from 'pg';
import { copyRows } from './copyRows.ts';
import { timestampText } from './sqlDateText.ts';
import type { VolunteerProfile } from './volunteerProfile.ts';

/** One `ParticipantCell` row as the seed writes it. */
export interface ParticipantCellRow {
  volunteerId: string;
  gender: VolunteerProfile['gender'];
  birthYear: number;
}

/**
 * The cells of the volunteers among `profiles` who take part in `participations` (this
 * database's own; withdrawn ones do not count, as for the cell sync and the register's row
 * rule): the register's gender and birth year, which the seed knows because it generated the
 * volunteers, so the demo's breakdowns have cells before the first cell sync.
 */
export function participantCellsOf(
  profiles: readonly VolunteerProfile[],
  participations: readonly { volunteerId: string; status: string }[],
): ParticipantCellRow[] {
  const taking = new Set(
    participations.filter((row) => row.status !== 'WITHDRAWN').map((row) => row.volunteerId),
  );
  return profiles
    .filter((profile) => taking.has(profile.id))
    .map(({ id, gender, birthYear }) => ({ volunteerId: id, gender, birthYear }));
}

const COLUMNS = ['volunteerId', 'gender', 'birthYear', 'syncedAt'] as const;

/**
 * Writes `rows` with one COPY (see {@link copyRows}), synced `now`: the sync then refreshes
 * them, oldest first, like any other cells. Returns how many.
 */
export function copyParticipantCells(
  client: pg.ClientBase,
  rows: Iterable<ParticipantCellRow>,
  now: Date = new Date(),
): Promise<number> {
  const syncedAt = timestampText(now);
  function* fields() {
    for (const row of rows) yield [row.volunteerId, row.gender, row.birthYear, syncedAt];
  }
  return copyRows(client, 'ParticipantCell', COLUMNS, fields());
}
