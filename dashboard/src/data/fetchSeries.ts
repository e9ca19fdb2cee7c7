import { DashboardSeriesDocument, type SahemClient } from '@sahem/client';
import { inGroupsOf, monthsOf, type Period } from '../periods.ts';

/** One point of the charts over time. */
export interface SeriesPoint {
  period: Period;
  verifiedHours: number;
  activeVolunteers: number;
  /** Null for a month no valuation table covers (the API says why). */
  economicValueSar: number | null;
}

const SLOTS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'] as const;

/**
 * The national figures of each month of `period`, for the charts. The only place the dashboard
 * reads a time series: today one `DashboardSeries` request per six months (six aliased
 * `nationalPeriod` fields, under the gateway's root-field limit and well under its cost budget);
 * when the graph gets a trends field, this function asks it instead and nothing else changes.
 */
export async function fetchSeries(client: SahemClient, period: Period): Promise<SeriesPoint[]> {
  const months = monthsOf(period);
  const answers = await Promise.all(
    inGroupsOf(months, SLOTS.length).map((group) =>
      client.request(DashboardSeriesDocument, {
        p1: group[0]!,
        p2: group[1]!,
        p3: group[2]!,
        p4: group[3]!,
        p5: group[4]!,
        p6: group[5]!,
      }),
    ),
  );
  const byPeriod = new Map<Period, SeriesPoint>();
  for (const answer of answers) {
    for (const slot of SLOTS) {
      const point = answer[slot];
      byPeriod.set(point.period, {
        period: point.period,
        verifiedHours: point.verifiedHours,
        activeVolunteers: point.activeVolunteers,
        // Null when the observatory did not answer, as when no valuation table covers it.
        economicValueSar: point.economicValue?.sar ?? null,
      });
    }
  }
  return months.map((month) => byPeriod.get(month)!);
}
