import { BAD_USER_INPUT } from './errors.ts';

/** A reporting period: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-07`). */
export interface Period {
  /** The canonical text of the period, as it appears in entity keys. */
  key: string;
  granularity: 'YEAR' | 'QUARTER' | 'MONTH';
  /** First day, inclusive (UTC midnight). */
  start: Date;
  /** Day after the last day, exclusive (UTC midnight). */
  end: Date;
}

const PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/**
 * Parses a period key; anything else is a `BAD_USER_INPUT` naming `field`. Years before 2000
 * or after 2100 are refused too: they are typing mistakes, not reporting periods.
 */
export function parsePeriod(text: string, field = 'period'): Period {
  const match = PATTERN.exec(text);
  const year = Number(match?.[1]);
  if (!match || year < 2000 || year > 2100) {
    throw BAD_USER_INPUT.err(
      `"${text}" is not a period: use a year (2026), a quarter (2026-Q3) or a month (2026-07).`,
      { field },
    );
  }
  if (match[2]) {
    const quarter = Number(match[2]);
    return {
      key: text,
      granularity: 'QUARTER',
      start: utc(year, (quarter - 1) * 3),
      end: utc(year, quarter * 3),
    };
  }
  if (match[3]) {
    const month = Number(match[3]) - 1;
    return { key: text, granularity: 'MONTH', start: utc(year, month), end: utc(year, month + 1) };
  }
  return { key: text, granularity: 'YEAR', start: utc(year, 0), end: utc(year + 1, 0) };
}

function utc(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

/** `YYYY-MM-DD` of a date, in UTC: the form GraphQL `Date` scalars carry. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today's date at UTC midnight. */
export function today(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The period of the same length just before `period`: 2025 for 2026, 2026-Q2 for 2026-Q3, 2025-12 for 2026-01. */
export function previousPeriod(period: Period): Period {
  const year = period.start.getUTCFullYear();
  const month = period.start.getUTCMonth();
  switch (period.granularity) {
    case 'YEAR':
      return parsePeriod(String(year - 1));
    case 'QUARTER': {
      const quarter = month / 3 + 1;
      return parsePeriod(quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`);
    }
    case 'MONTH':
      return parsePeriod(
        month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, '0')}`,
      );
  }
}

/** Days in a period. */
export function periodDays(period: Period): number {
  return Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000);
}

/**
 * The periods a period contains, shortest last: a year's four quarters and twelve months, a
 * quarter's three months, none for a month.
 */
export function periodsWithin(period: Period): Period[] {
  const year = period.start.getUTCFullYear();
  const firstMonth = period.start.getUTCMonth();
  const month = (m: number) => parsePeriod(`${year}-${String(m + 1).padStart(2, '0')}`);
  switch (period.granularity) {
    case 'YEAR':
      return [
        ...[1, 2, 3, 4].map((quarter) => parsePeriod(`${year}-Q${quarter}`)),
        ...Array.from({ length: 12 }, (_, m) => month(m)),
      ];
    case 'QUARTER':
      return [0, 1, 2].map((offset) => month(firstMonth + offset));
    case 'MONTH':
      return [];
  }
}

/** The most periods one series may hold: three years of months. */
export const MAX_SERIES_PERIODS = 36;

/** The period of the same kind just after `period`: 2027 for 2026, 2026-Q4 for 2026-Q3. */
export function nextPeriod(period: Period): Period {
  const year = period.end.getUTCFullYear();
  const month = period.end.getUTCMonth();
  switch (period.granularity) {
    case 'YEAR':
      return parsePeriod(String(year));
    case 'QUARTER':
      return parsePeriod(`${year}-Q${month / 3 + 1}`);
    case 'MONTH':
      return parsePeriod(`${year}-${String(month + 1).padStart(2, '0')}`);
  }
}

/**
 * The periods from `from` to `to`, both included, in order: two periods of the same kind (two
 * months, two quarters or two years), the first not after the second, at most
 * {@link MAX_SERIES_PERIODS} of them; anything else is a `BAD_USER_INPUT` naming the argument.
 */
export function periodRange(from: string, to: string): Period[] {
  const first = parsePeriod(from, 'from');
  const last = parsePeriod(to, 'to');
  if (first.granularity !== last.granularity) {
    throw BAD_USER_INPUT.err(
      `from (${from}) and to (${to}) must be periods of the same kind: two months, two quarters or two years.`,
      { field: 'to' },
    );
  }
  if (first.start > last.start) {
    throw BAD_USER_INPUT.err(`from (${from}) comes after to (${to}).`, { field: 'to' });
  }
  const periods = [first];
  while (periods.at(-1)!.key !== last.key) {
    if (periods.length === MAX_SERIES_PERIODS) {
      throw BAD_USER_INPUT.err(
        `A series holds at most ${MAX_SERIES_PERIODS} periods; ${from} to ${to} is more.`,
        { field: 'to' },
      );
    }
    periods.push(nextPeriod(periods.at(-1)!));
  }
  return periods;
}
