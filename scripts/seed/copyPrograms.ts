import type pg from 'pg';
import type { ProgramPlan } from './buildPrograms.ts';
import { dateOf } from './calendar.ts';
import { arrayLiteral, copyRows } from './copyRows.ts';
import { dateText, timestampText } from './sqlDateText.ts';

const COLUMNS = [
  'id',
  'agencyCode',
  'titleAr',
  'titleEn',
  'descriptionAr',
  'descriptionEn',
  'kind',
  'regionCode',
  'startDate',
  'endDate',
  'capacity',
  'requiredSkills',
  'status',
  'beneficiariesServed',
  'createdAt',
  'updatedAt',
] as const;

/** Writes the `Program` rows of `programs` with one COPY (see {@link copyRows}); returns how many. */
export function copyPrograms(
  client: pg.ClientBase,
  programs: Iterable<ProgramPlan>,
): Promise<number> {
  return copyRows(client, 'Program', COLUMNS, fields(programs));
}

function* fields(programs: Iterable<ProgramPlan>) {
  for (const program of programs) {
    yield [
      program.id,
      program.agencyCode,
      program.title.ar,
      program.title.en,
      program.description.ar,
      program.description.en,
      program.template.kind,
      program.regionCode,
      dateText(dateOf(program.startDay)),
      dateText(dateOf(program.endDay)),
      program.capacity,
      arrayLiteral(program.requiredSkills),
      program.status,
      program.beneficiariesServed,
      timestampText(new Date(program.createdAtMs)),
      timestampText(new Date(program.updatedAtMs)),
    ];
  }
}
