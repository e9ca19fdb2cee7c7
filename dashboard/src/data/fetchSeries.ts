import { NationalTrendDocument, type SahemClient } from '@sahem/client';
import { monthsOf, type Period } from '../periods.ts';

/** One point of the charts over time. */
export interface SeriesPoint {
  period: Period;
  verifiedHours: number;
  activeVolunteers: number;
  /** Null for a month no valuation table covers (the API says why). */
  economicValueSar: number | null;
}

/**
 * The national figures of each month of `period`, for the charts. The only place the dashboard
 * reads a time series: one `NationalTrend` request from the first month to the last (12 at
 * most, within the trend's 36 periods), the client's own operation, so the dashboard ships no
 * query of its own for it.
 */
export async function fetchSeries(client: SahemClient, period: Period): Promise<SeriesPoint[]> {
  const months = monthsOf(period);
  const { nationalTrend } = await client.request(NationalTrendDocument, {
    from: months[0]!,
    to: months.at(-1)!,
  });
  const byPeriod = new Map(nationalTrend.map((point) => [point.period, point]));
  return months.map((month) => {
    const point = byPeriod.get(month);
    // The trend answers every period of its range: a gap is a broken answer, not a zero.
    if (!point) throw new Error(`the national trend has no figures for ${month}`);
    return {
      period: month,
      verifiedHours: point.verifiedHours,
      activeVolunteers: point.activeVolunteers,
      // Null when the observatory did not answer, as when no valuation table covers it.
      economicValueSar: point.economicValue?.sar ?? null,
    };
  });
}
