/** Summary of a run's latencies, in milliseconds. */
export interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Percentiles by nearest rank (a value that was measured, never an interpolation). */
export function latencyStats(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) throw new RangeError('no latency samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (percent: number) => sorted[Math.ceil((percent / 100) * sorted.length) - 1]!;
  return {
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    max: sorted[sorted.length - 1]!,
  };
}
