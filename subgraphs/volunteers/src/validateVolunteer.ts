import { BAD_USER_INPUT, isRegionCode } from '@sahem/kit';
import { nationalIdProblem } from './nationalId.ts';

/** Fields a registration or an update may carry, as the API receives them. */
export interface VolunteerFields<Kind extends string = string> {
  nationalId?: string;
  fullName?: string | null;
  birthYear?: number | null;
  regionCode?: string | null;
  city?: string | null;
  email?: string | null;
  phone?: string | null;
  weeklyAvailabilityHours?: number | null;
  kinds?: readonly Kind[] | null;
  skillCodes?: readonly string[] | null;
}

/** The most skills a volunteer declares (`Volunteer.skills` is sized by it for the cost estimate). */
export const MAX_SKILLS = 10;

/** The most hours a week has. */
export const HOURS_PER_WEEK = 168;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const SAUDI_MOBILE = /^(?:\+9665|05)(\d{8})$/;

/**
 * Checks every given field and throws `BAD_USER_INPUT` naming the first offending one
 * (`input.email`, …). Returns normalised values: trimmed text, lower-case email, phone in
 * E.164 form. Null means "not given" for updates; registration's required fields are
 * enforced by the schema.
 */
export function validateVolunteer<Kind extends string>(
  fields: VolunteerFields<Kind>,
  now: Date = new Date(),
) {
  const fail = (field: string, message: string): never => {
    throw BAD_USER_INPUT.err(message, { field: `input.${field}` });
  };
  if (fields.nationalId != null) {
    const problem = nationalIdProblem(fields.nationalId);
    if (problem) fail('nationalId', `The national or resident id ${problem}.`);
  }
  const fullName = fields.fullName?.trim();
  if (fullName != null && (fullName.length < 2 || fullName.length > 200)) {
    fail('fullName', 'The full name must have between 2 and 200 characters.');
  }
  const youngest = now.getUTCFullYear() - 10;
  if (fields.birthYear != null && (fields.birthYear < 1900 || fields.birthYear > youngest)) {
    fail(
      'birthYear',
      `The birth year must be between 1900 and ${youngest} (volunteers are 10 or older).`,
    );
  }
  if (fields.regionCode != null && !isRegionCode(fields.regionCode)) {
    fail('regionCode', `${fields.regionCode} is not an ISO 3166-2:SA region code (SA-01 … SA-14).`);
  }
  const city = fields.city?.trim();
  if (city != null && (city.length < 1 || city.length > 100)) {
    fail('city', 'The city must have between 1 and 100 characters.');
  }
  const email = fields.email?.trim().toLowerCase();
  if (email != null && (email.length > 254 || !EMAIL.test(email))) {
    fail('email', `${fields.email} is not an email address.`);
  }
  let phone: string | null | undefined = fields.phone;
  if (phone != null) {
    const mobile = SAUDI_MOBILE.exec(phone.replace(/[\s-]/g, ''));
    if (!mobile)
      fail('phone', 'The phone must be a Saudi mobile number: 05XXXXXXXX or +9665XXXXXXXX.');
    phone = `+9665${mobile![1]}`;
  }
  const hours = fields.weeklyAvailabilityHours;
  if (hours != null && (!Number.isFinite(hours) || hours < 0 || hours > HOURS_PER_WEEK)) {
    fail(
      'weeklyAvailabilityHours',
      `Weekly availability must be between 0 and ${HOURS_PER_WEEK} hours.`,
    );
  }
  // Stored with one decimal: refuse what would be silently rounded.
  if (hours != null && Math.abs(hours * 10 - Math.round(hours * 10)) > 1e-9) {
    fail('weeklyAvailabilityHours', 'Weekly availability takes at most one decimal (2.5).');
  }
  if (fields.kinds != null && fields.kinds.length === 0) {
    fail('kinds', 'Choose at least one kind of volunteering.');
  }
  if (fields.skillCodes != null && new Set(fields.skillCodes).size > MAX_SKILLS) {
    fail('skillCodes', `Declare at most ${MAX_SKILLS} skills.`);
  }
  return {
    fullName,
    city,
    email,
    phone,
    kinds: fields.kinds ? [...new Set(fields.kinds)] : undefined,
  };
}
