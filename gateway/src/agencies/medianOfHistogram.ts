/** One bucket of a histogram as an instance answers it: `count` items had `value`. */
export interface HistogramBucket {
  value?: unknown;
  count?: unknown;
}

/**
 * The median of the values a histogram counts, the buckets of several instances summed by
 * value: the middle value, or the mean of the two middle ones for an even count, as
 * PostgreSQL's `percentile_cont(0.5)` gives over the same values (so one store and one store
 * per agency answer alike). Null when nothing is counted. Buckets that are not numbers are
 * ignored rather than trusted.
 */
export function medianOfHistogram(buckets: readonly HistogramBucket[]): number | null {
  const counts = new Map<number, number>();
  for (const { value, count } of buckets) {
    if (typeof value !== 'number' || typeof count !== 'number' || !(count > 0)) continue;
    counts.set(value, (counts.get(value) ?? 0) + count);
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const sorted = [...counts.entries()].sort(([a], [b]) => a - b);
  // The value at 1-based position `rank` of the sorted values.
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (seen >= rank) return value;
    }
    return sorted.at(-1)![0];
  };
  return total % 2 === 1 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
}
