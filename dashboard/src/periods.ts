/** A period the dashboard offers: a year (`2026`) or a quarter (`2026-Q3`). */
export type Period = string;

/**
 * The periods offered in the selector, newest first: each year and its quarters, from the
 * newest year back `years` years.
 */
export function periodOptions(newestYear: number, years = 2): Period[] {
  const options: Period[] = [];
  for (let year = newestYear; year > newestYear - years; year--) {
    options.push(String(year), ...[4, 3, 2, 1].map((quarter) => `${year}-Q${quarter}`));
  }
  return options;
}

/** The months of a year or quarter, in order (`2026-Q2` → `2026-04`, `2026-05`, `2026-06`). */
export function monthsOf(period: Period): Period[] {
  const match = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!match) throw new RangeError(`not a year or a quarter: ${period}`);
  const [, year, quarter] = match;
  const first = quarter ? (Number(quarter) - 1) * 3 + 1 : 1;
  const count = quarter ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}
