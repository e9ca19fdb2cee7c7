import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  DashboardScorecardsDocument,
  NationalTrendDocument,
  type DashboardScorecardsQuery,
} from '@sahem/client';
import { startGateway, type RunningGateway } from '../../gateway/src/startGateway.ts';
import { launchBrowser, type TestBrowser } from '../../gateway/test/support/launchBrowser.ts';
import { startGraph, TEST_SALT, type Graph } from '../../gateway/test/support/startGraph.ts';
import { seedIndicators, seedPrograms, seedVolunteers } from '../../scripts/seed/index.ts';
import { monthsOf } from '../src/periods.ts';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

// The dashboard in a real Chromium that can reach 127.0.0.1 only, on seeded demo data, served by
// a gateway that runs trusted documents only: what it shows is what the API returns, the
// language switch flips direction and labels, the period selection redraws the charts, and it
// works on a phone-sized screen and from the keyboard.
const MANIFEST = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);
const ANALYST = { role: 'analyst', subject: 'analyst-dashboard' } as const;
let graph: Graph;
let gateway: RunningGateway;
let browser: TestBrowser;
let api: ReturnType<typeof createClient>;
let url: string;

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  const scale = 0.05;
  await seedVolunteers(graph.volunteers.db, { scale, nationalIdSalt: TEST_SALT });
  await seedPrograms(graph.programs.db, { scale });
  await seedIndicators(graph.indicators.db, { scale });
  const token = await graph.token(ANALYST);
  gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      persistedDocuments: { mode: 'enforce', manifestPath: MANIFEST },
      web: { demoTokens: async () => [{ label: 'analyst', role: 'analyst', token }] },
    },
    { port: 0 },
  );
  api = createClient({ url: gateway.url, token, persisted: true });
  url = `${gateway.http.url}/dashboard/`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await graph?.stop();
});

const value = (page: Page, selector: string) =>
  page.locator(selector).first().getAttribute('value').then(Number);

async function open(query = '', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${url}${query}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  return page;
}

/** The figures the hours chart's text alternative lists, in order. */
async function hoursChartValues(page: Page): Promise<number[]> {
  const cells = page.locator('#hours-caption table data');
  return (await cells.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('value')))).map(
    Number,
  );
}

describe('the KPI dashboard', () => {
  let expected: DashboardScorecardsQuery;

  it('shows, in Arabic and right to left by default, the numbers the API returns', async () => {
    expected = await api.request(DashboardScorecardsDocument, { period: '2026' });
    const page = await open('?period=2026');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('h1').innerText()).toContain('مؤشرات');
    const national = expected.nationalPeriod;
    expect(await value(page, '[data-figure=activeVolunteers] data')).toBe(
      national.activeVolunteers,
    );
    expect(await value(page, '[data-figure=verifiedHours] data')).toBe(national.verifiedHours);
    expect(await value(page, '[data-figure=economicValue] data')).toBe(national.economicValue!.sar);
    for (const entry of national.scorecard!.entries) {
      const row = `#national tr[data-indicator=${entry.indicator.code}]`;
      if (entry.value !== null) expect(await value(page, `${row} td.value data`)).toBe(entry.value);
      expect(await page.locator(`${row} [data-status]`).getAttribute('data-status')).toBe(
        entry.status ?? 'NONE',
      );
    }
    for (const agency of expected.agencies) {
      const row = `#agencies tr[data-code=${agency.code}]`;
      expect(await page.locator(`${row} th`).innerText()).toBe(agency.name.ar);
      expect(await value(page, `${row} td data`)).toBe(agency.period.activeVolunteers);
      const onTrack = agency.period.scorecard!.entries.filter(
        (e) => e.status === 'ON_TRACK',
      ).length;
      expect(await page.locator(`${row} [data-status=ON_TRACK]`).getAttribute('data-count')).toBe(
        String(onTrack),
      );
    }
    expect(await page.locator('#regions tbody tr[data-code]').count()).toBe(
      national.regions.length,
    );
    await page.locator('#agencies details').first().locator('summary').click();
    await browser.screenshot(page, 'dashboard-ar');
    expect(browser.problems).toEqual([]);
  });

  it('switches to English, left to right, with English labels, and back', async () => {
    const page = await open('?period=2026');
    await page.locator('#language').click();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Sahem — national volunteering KPIs');
    expect(await page.locator('#national thead th').first().innerText()).toBe('Indicator');
    const agency = expected.agencies[0]!;
    expect(await page.locator(`#agencies tr[data-code=${agency.code}] th`).innerText()).toBe(
      agency.name.en,
    );
    await browser.screenshot(page, 'dashboard-en');
    await page.locator('#language').click();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  });

  it('redraws the charts for the period selected, with the API series', async () => {
    const page = await open('?period=2026&lang=en');
    const series = async (period: string) => {
      const months = monthsOf(period);
      const answer = await api.request(NationalTrendDocument, {
        from: months[0]!,
        to: months.at(-1)!,
      });
      return answer.nationalTrend.map((point) => point.verifiedHours);
    };
    expect(await hoursChartValues(page)).toHaveLength(12);
    await page.getByLabel('Period').selectOption('2026-Q1');
    await expect.poll(() => hoursChartValues(page)).toHaveLength(3);
    expect(await hoursChartValues(page)).toEqual(await series('2026-Q1'));
    expect(await page.locator('#hours-caption th').allInnerTexts()).toEqual(['Jan', 'Feb', 'Mar']);
    expect(await page.locator('#hours-caption .chart-title').innerText()).toContain('Q1 2026');
    const q1 = await api.request(DashboardScorecardsDocument, { period: '2026-Q1' });
    expect(await value(page, '[data-figure=activeVolunteers] data')).toBe(
      q1.nationalPeriod.activeVolunteers,
    );
    // SVG drawn by ECharts: one bar per month.
    expect(await page.locator('#hours-chart svg path').count()).toBeGreaterThan(3);
  });

  it('asks for an analyst token where the gateway offers no demo token (as in production), then shows the figures', async () => {
    const bare = await startGateway(
      { ...graph.gatewayDeps, persistedDocuments: { mode: 'enforce', manifestPath: MANIFEST } },
      { port: 0 },
    );
    try {
      const page = await browser.newPage();
      await page.goto(`${bare.http.url}/dashboard/?lang=en&period=2026`);
      await page.locator('#signin').waitFor({ state: 'visible' });
      expect(await page.locator('#status').innerText()).toContain('analyst access token');
      expect(await page.locator('#content').isHidden()).toBe(true);
      await page.getByLabel('Access token (Bearer)').fill(await graph.token(ANALYST));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#content').waitFor({ state: 'visible' });
      expect(await value(page, '[data-figure=activeVolunteers] data')).toBe(
        expected.nationalPeriod.activeVolunteers,
      );
      await page.close();
    } finally {
      await bare.stop();
    }
  });

  it('works on a phone-sized screen and from the keyboard', async () => {
    const page = await open('?period=2026', { width: 390, height: 844 });
    // Nothing wider than the screen but the tables, which scroll inside their own region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('period');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('language');
    await page.keyboard.press('Enter');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    // Every control has a name a screen reader reads out.
    expect(await page.getByLabel('Period').count()).toBe(1);
    await browser.screenshot(page, 'dashboard-phone-en');
    expect(browser.blocked).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
