import { BAD_USER_INPUT, isRegionCode } from '@sahem/kit';

/** A program's fields as they will be stored, after merging an update into the record. */
export interface ProgramFields {
  agencyCode: string;
  titleAr: string;
  titleEn: string;
  descriptionAr: string;
  descriptionEn: string;
  regionCode: string;
  startDate: Date;
  endDate: Date;
  capacity: number;
  requiredSkills: string[];
  beneficiariesServed: number;
}

/** Largest capacity of one program; a typo guard, not a policy. */
export const MAX_CAPACITY = 100_000;
/** The most skills a program requires (`Program.requiredSkills` is sized by it for the cost estimate). */
export const MAX_REQUIRED_SKILLS = 10;
const ISCO_UNIT_GROUP = /^\d{4}$/;
const PROGRAM_NUMBER = /^\d{5}$/;

/** Whether `id` is the agency's code, a dash and five digits (`SCD-00042`). */
export function isProgramIdOf(agencyCode: string, id: string): boolean {
  // A prefix test, not a pattern built from the code: the code is client input.
  const prefix = `${agencyCode}-`;
  return id.startsWith(prefix) && PROGRAM_NUMBER.test(id.slice(prefix.length));
}

/**
 * Checks a program as it would be stored and throws `BAD_USER_INPUT` naming the first
 * offending input field.
 */
export function validateProgram(program: ProgramFields): void {
  const fail = (field: string, message: string): never => {
    throw BAD_USER_INPUT.err(message, { field: `input.${field}` });
  };
  if (!program.titleAr.trim() || !program.titleEn.trim()) {
    fail('title', 'The title needs both an Arabic and an English text.');
  }
  if (!program.descriptionAr.trim() || !program.descriptionEn.trim()) {
    fail('description', 'The description needs both an Arabic and an English text.');
  }
  if (!isRegionCode(program.regionCode)) {
    fail(
      'regionCode',
      `${program.regionCode} is not an ISO 3166-2:SA region code (SA-01 … SA-14).`,
    );
  }
  if (program.endDate < program.startDate) {
    fail('endDate', 'The end date must not be before the start date.');
  }
  if (
    !Number.isInteger(program.capacity) ||
    program.capacity <= 0 ||
    program.capacity > MAX_CAPACITY
  ) {
    fail('capacity', `Capacity must be a whole number between 1 and ${MAX_CAPACITY}.`);
  }
  if (program.requiredSkills.length > MAX_REQUIRED_SKILLS) {
    fail('requiredSkillCodes', `A program requires at most ${MAX_REQUIRED_SKILLS} skills.`);
  }
  const badSkill = program.requiredSkills.find((code) => !ISCO_UNIT_GROUP.test(code));
  if (badSkill !== undefined) {
    fail('requiredSkillCodes', `${badSkill} is not an ISCO-08 unit group code (four digits).`);
  }
  if (!Number.isInteger(program.beneficiariesServed) || program.beneficiariesServed < 0) {
    fail('beneficiariesServed', 'Beneficiaries served must be a whole number, zero or more.');
  }
}
