import type { Prisma } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
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

/**
 * Inserts `rows` in one statement (column arrays through `unnest`, as `insertParticipations`),
 * synced now: the sync then refreshes them, oldest first, like any other cells.
 */
export function insertParticipantCells(
  tx: Prisma.TransactionClient,
  rows: readonly ParticipantCellRow[],
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "ParticipantCell" ("volunteerId", gender, "birthYear", "syncedAt")
    SELECT v.id, v.gender, v.year, now()
      FROM unnest(${rows.map((row) => row.volunteerId)}::text[],
                  ${rows.map((row) => row.gender)}::"ParticipantGender"[],
                  ${rows.map((row) => row.birthYear)}::int[]) AS v(id, gender, year)`;
}
