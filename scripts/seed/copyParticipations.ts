import type pg from 'pg';
import type {
  ParticipationRole,
  ParticipationStatus,
} from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { copyRows } from './copyRows.ts';
import { dateText, timestampText } from './sqlDateText.ts';

/** One `Participation` row as the seed writes it: every column, none left to a default. */
export interface ParticipationRow {
  id: string;
  volunteerId: string;
  programId: string;
  role: ParticipationRole;
  status: ParticipationStatus;
  skillCode: string;
  appliedAt: Date;
  /** UTC midnight of the day. */
  joinedOn: Date | null;
}

const COLUMNS = [
  'id',
  'volunteerId',
  'programId',
  'role',
  'status',
  'skillCode',
  'appliedAt',
  'joinedOn',
] as const satisfies readonly (keyof ParticipationRow)[];

/** Writes `rows` with one COPY (see {@link copyRows}); returns how many. */
export function copyParticipations(
  client: pg.ClientBase,
  rows: Iterable<ParticipationRow>,
): Promise<number> {
  return copyRows(client, 'Participation', COLUMNS, fields(rows));
}

function* fields(rows: Iterable<ParticipationRow>) {
  for (const row of rows) {
    yield [
      row.id,
      row.volunteerId,
      row.programId,
      row.role,
      row.status,
      row.skillCode,
      timestampText(row.appliedAt),
      dateText(row.joinedOn),
    ];
  }
}
