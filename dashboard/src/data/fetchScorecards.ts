import {
  DashboardScorecardsDocument,
  type DashboardScorecardsQuery,
  type SahemClient,
} from '@sahem/client';
import type { Period } from '../periods.ts';

/** Everything the scorecard tables show for one period. */
export type Scorecards = DashboardScorecardsQuery;

/** One scorecard row as the tables show it. */
export type ScorecardEntry = NonNullable<
  Scorecards['nationalPeriod']['scorecard']
>['entries'][number];

/** The national, per-agency and per-region scorecards of `period`, in one request. */
export function fetchScorecards(client: SahemClient, period: Period): Promise<Scorecards> {
  return client.request(DashboardScorecardsDocument, { period });
}
