/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01, UTC) of a `YYYY-MM-DD` date. */
export function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** The `Date` at UTC midnight of a day number: what a PostgreSQL `date` column round-trips. */
export function dateOf(dayNumber: number): Date {
  return new Date(dayNumber * DAY_MS);
}

/**
 * The seed data's "today": nothing is logged, verified, applied for or registered after the end
 * of this day. A fixed date keeps the data identical whenever it is generated; it sits a little
 * before the project's present so that nothing is ever in the future.
 */
export const CUTOFF_DAY = day('2026-10-31');

/** The last instant the seed data may use: the end of {@link CUTOFF_DAY} in Riyadh (UTC+3). */
export const CUTOFF_MS = (CUTOFF_DAY + 1) * DAY_MS - 3 * 3_600_000 - 60_000;

/** First day programs may run on. */
export const PROGRAMS_FROM_DAY = day('2025-01-01');

/** Last day programs may run on. */
export const PROGRAMS_UNTIL_DAY = day('2026-12-31');

/** When the first volunteers registered. */
export const REGISTRATIONS_FROM_MS = Date.parse('2024-01-01T06:00:00Z');
