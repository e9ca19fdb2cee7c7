import type pg from 'pg';
import { copyRows } from './copyRows.ts';
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

const COLUMNS = [
  'id',
  'participationId',
  'date',
  'hours',
  'activity',
  'verified',
  'verifiedBy',
  'verifiedAt',
  'createdAt',
] as const satisfies readonly (keyof HourLogRow)[];

/** Writes `rows` with one COPY (see {@link copyRows}); returns how many. */
export function copyHourLogs(client: pg.ClientBase, rows: Iterable<HourLogRow>): Promise<number> {
  return copyRows(client, 'HourLog', COLUMNS, fields(rows));
}

function* fields(rows: Iterable<HourLogRow>) {
  for (const row of rows) {
    yield [
      row.id,
      row.participationId,
      dateText(row.date),
      row.hours,
      row.activity,
      row.verified,
      row.verifiedBy,
      timestampText(row.verifiedAt),
      timestampText(row.createdAt),
    ];
  }
}
