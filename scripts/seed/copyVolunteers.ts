import type pg from 'pg';
import type {
  Gender,
  VolunteeringKind,
  VolunteerStatus,
} from '../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { arrayLiteral, copyRows } from './copyRows.ts';
import { timestampText } from './sqlDateText.ts';

/** One `Volunteer` row as the seed writes it: every column, none left to a default. */
export interface VolunteerRow {
  id: string;
  fullName: string;
  nationalIdHash: string;
  nationalIdLast4: string;
  gender: Gender;
  birthYear: number;
  regionCode: string;
  city: string;
  email: string;
  phone: string | null;
  weeklyAvailabilityHours: number;
  kinds: readonly VolunteeringKind[];
  status: VolunteerStatus;
  registeredAt: Date;
  updatedAt: Date;
}

const COLUMNS = [
  'id',
  'fullName',
  'nationalIdHash',
  'nationalIdLast4',
  'gender',
  'birthYear',
  'regionCode',
  'city',
  'email',
  'phone',
  'weeklyAvailabilityHours',
  'kinds',
  'status',
  'registeredAt',
  'updatedAt',
] as const satisfies readonly (keyof VolunteerRow)[];

/** Writes `rows` with one COPY (see {@link copyRows}); returns how many. */
export function copyVolunteers(
  client: pg.ClientBase,
  rows: Iterable<VolunteerRow>,
): Promise<number> {
  return copyRows(client, 'Volunteer', COLUMNS, fields(rows));
}

function* fields(rows: Iterable<VolunteerRow>) {
  for (const row of rows) {
    yield [
      row.id,
      row.fullName,
      row.nationalIdHash,
      row.nationalIdLast4,
      row.gender,
      row.birthYear,
      row.regionCode,
      row.city,
      row.email,
      row.phone,
      row.weeklyAvailabilityHours,
      arrayLiteral(row.kinds),
      row.status,
      // Wall-clock UTC text, as Prisma's adapter sent it, read in the pool's UTC session.
      timestampText(row.registeredAt),
      timestampText(row.updatedAt),
    ];
  }
}
