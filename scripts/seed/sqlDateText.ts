/**
 * A `Date` as Prisma's PostgreSQL driver adapter sends it for a `timestamptz` column: the UTC
 * wall-clock time without a zone, which PostgreSQL reads in the session's `TimeZone` (and
 * Prisma reads back the same way). Sending the same text keeps the seed's rows identical to
 * those `createMany` wrote, on any server; text is also a third of the size of a `Date`
 * through Prisma's raw-parameter serialisation.
 */
export function timestampText(date: Date): string;
export function timestampText(date: Date | null): string | null;
export function timestampText(date: Date | null): string | null {
  return date && date.toISOString().slice(0, 23);
}

/** The UTC day of a `Date` as `YYYY-MM-DD`, as Prisma sends it for a `date` column. */
export function dateText(date: Date): string;
export function dateText(date: Date | null): string | null;
export function dateText(date: Date | null): string | null {
  return date && date.toISOString().slice(0, 10);
}
