import type {
  ParticipationRole,
  ParticipationStatus,
  Prisma,
} from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
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

/**
 * Inserts `rows` in one statement: one typed array parameter per column, turned back into rows
 * by `unnest` (see `insertVolunteers` for why).
 */
export function insertParticipations(
  tx: Prisma.TransactionClient,
  rows: readonly ParticipationRow[],
): Promise<number> {
  const column = <Key extends keyof ParticipationRow>(key: Key) => rows.map((row) => row[key]);
  return tx.$executeRaw`
    INSERT INTO "Participation" (
      id, "volunteerId", "programId", role, status, "skillCode", "appliedAt", "joinedOn")
    SELECT * FROM unnest(
      ${column('id')}::text[], ${column('volunteerId')}::text[], ${column('programId')}::text[],
      ${column('role')}::"ParticipationRole"[], ${column('status')}::"ParticipationStatus"[],
      ${column('skillCode')}::text[], ${column('appliedAt').map(timestampText)}::timestamptz[],
      ${column('joinedOn').map(dateText)}::date[])`;
}
