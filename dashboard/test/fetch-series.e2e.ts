import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, DashboardScorecardsDocument } from '@sahem/client';
import { fileURLToPath } from 'node:url';
import { startGateway, type RunningGateway } from '../../gateway/src/startGateway.ts';
import { startGraph, TEST_SALT, type Graph } from '../../gateway/test/support/startGraph.ts';
import { seedIndicators, seedPrograms, seedVolunteers } from '../../scripts/seed/index.ts';
import { fetchSeries } from '../src/data/fetchSeries.ts';
import { monthsOf } from '../src/periods.ts';

// The dashboard's series without a browser: one NationalTrend request, by manifest id on a
// gateway that runs trusted documents only, gives each month what that month's nationalPeriod
// gives (asked apart, through the dashboard's other operation).
const MANIFEST = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);
let graph: Graph;
let gateway: RunningGateway;
let api: ReturnType<typeof createClient>;

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  const scale = 0.05;
  await seedVolunteers(graph.volunteers.db, { scale, nationalIdSalt: TEST_SALT });
  await seedPrograms(graph.programs.db, { scale });
  await seedIndicators(graph.indicators.db, { scale });
  gateway = await startGateway(
    { ...graph.gatewayDeps, persistedDocuments: { mode: 'enforce', manifestPath: MANIFEST } },
    { port: 0 },
  );
  const token = await graph.token({ role: 'analyst', subject: 'analyst-series' });
  api = createClient({ url: gateway.url, token, persisted: true });
});
afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
});

it.each(['2026-Q1', '2026'])(
  'gives every month of %s, in order, its national figures',
  async (period) => {
    const series = await fetchSeries(api, period);
    expect(series.map((point) => point.period)).toEqual(monthsOf(period));
    expect(series.some((point) => point.verifiedHours > 0)).toBe(true);
    for (const point of period === '2026' ? series.slice(0, 2) : series) {
      const { nationalPeriod } = await api.request(DashboardScorecardsDocument, {
        period: point.period,
      });
      expect(point).toEqual({
        period: nationalPeriod.period,
        verifiedHours: nationalPeriod.verifiedHours,
        activeVolunteers: nationalPeriod.activeVolunteers,
        economicValueSar: nationalPeriod.economicValue?.sar ?? null,
      });
    }
  },
);
