import type { Prisma } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { dateText, timestampText } from './sqlDateText.ts';

/** One `HourLog` row as the seed writes it: every column, none left to a default. */
export interface HourLogRow {
  id: string;
  participationId: string;
  /** UTC midnight of the day. */
  date: Date;
  hours: number;
  activity: string;
  verified: boolean;
  verifiedBy: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
}

/**
 * Inserts `rows` in one statement: one typed array parameter per column, turned back into rows
 * by `unnest` (see `insertVolunteers` for why).
 */
export function insertHourLogs(
  tx: Prisma.TransactionClient,
  rows: readonly HourLogRow[],
): Promise<number> {
  const column = <Key extends keyof HourLogRow>(key: Key) => rows.map((row) => row[key]);
  return tx.$executeRaw`
    INSERT INTO "HourLog" (
      id, "participationId", date, hours, activity, verified, "verifiedBy", "verifiedAt",
      "createdAt")
    SELECT * FROM unnest(
      ${column('id')}::text[], ${column('participationId')}::text[],
      ${column('date').map(dateText)}::date[], ${column('hours')}::numeric[],
      ${column('activity')}::text[], ${column('verified')}::boolean[],
      ${column('verifiedBy')}::text[], ${column('verifiedAt').map(timestampText)}::timestamptz[],
      ${column('createdAt').map(timestampText)}::timestamptz[])`;
}
