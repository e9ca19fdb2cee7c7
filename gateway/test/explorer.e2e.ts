import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { CONTENT_SECURITY_POLICY } from '../src/web/serveWebApp.ts';
import { loadFixture } from './support/fixture.ts';
import { launchBrowser, type TestBrowser } from './support/launchBrowser.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// The offline explorer in a real Chromium that can reach 127.0.0.1 only: it loads with nothing
// from elsewhere, opens the README's scenarios as saved tabs, and runs one as the analyst picked
// in the demo-token picker, on a gateway that runs trusted documents only.
const EXAMPLE_SCENARIO_1 = readFileSync(
  new URL('../../client/src/operations/analyst/AgencyScorecards.graphql', import.meta.url),
  'utf8',
);
let graph: Graph;
let gateway: RunningGateway;
let browser: TestBrowser;
let base: string;

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  await loadFixture(graph);
  const analyst = await graph.token({ role: 'analyst', subject: 'analyst-e2e' });
  gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      persistedDocuments: {
        mode: 'enforce',
        manifestPath: new URL(
          '../../client/src/__generated__/persisted-documents.json',
          import.meta.url,
        ).pathname,
      },
      web: {
        demoTokens: async () => [{ label: 'analyst analyst-e2e', role: 'analyst', token: analyst }],
      },
    },
    { port: 0 },
  );
  base = gateway.http.url;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await graph?.stop();
});

it('serves the explorer with a self-only Content-Security-Policy, and sends browsers opening /graphql to it', async () => {
  const page = await fetch(`${base}/explorer/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(await page.text()).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  // Bundles are sent gzipped when the browser accepts it (precompressed at build time).
  const script = /src="(\/explorer\/assets\/[^"]+\.js)"/.exec(
    await (await fetch(`${base}/explorer/`)).text(),
  )![1]!;
  const zipped = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(zipped.headers.get('content-encoding')).toBe('gzip');
  expect(zipped.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const opened = await fetch(gateway.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
  expect(opened.status).toBe(302);
  expect(opened.headers.get('location')).toBe('/explorer/');
});

it('loads offline, opens the scenarios as tabs and runs scenario 1 as the picked demo analyst', async () => {
  const page = await browser.newPage();
  await page.goto(gateway.url); // the endpoint itself, as a person would open it
  await page.waitForURL(`${base}/explorer/`);
  await page.locator('.graphiql-container').waitFor();
  const tabs = page.locator('.graphiql-tab');
  await expect
    .poll(() => tabs.allInnerTexts())
    .toEqual(
      expect.arrayContaining([
        'AgencyScorecards',
        'DeployableVolunteers',
        'ProgramImpact',
        'NationalScorecard',
      ]),
    );
  await page.getByLabel('Demo identity').selectOption({ label: 'analyst analyst-e2e' });
  const answered = page.waitForResponse((response) => response.url() === gateway.url);
  await page.locator('.graphiql-execute-button').click();
  const response = await answered;
  expect(response.status()).toBe(200);
  const shown = (await response.json()) as { data: { agencies: unknown[] }; errors?: unknown };
  expect(shown.errors).toBeUndefined();
  await expect
    .poll(() => page.locator('.result-window').innerText(), { timeout: 10_000 })
    .toContain('"agencies"');
  // What the explorer showed is what the API gives the analyst for scenario 1.
  const api = await graph.query(
    EXAMPLE_SCENARIO_1,
    { period: '2026' },
    { authorization: `Bearer ${await graph.token({ role: 'analyst', subject: 'analyst-e2e' })}` },
  );
  expect(api.errors).toBeUndefined();
  expect(shown.data).toEqual(api.data);
  await browser.screenshot(page, 'explorer-scenario-1');
  expect(browser.blocked).toEqual([]);
  expect(browser.problems).toEqual([]);
});

it('is off in production unless asked for', async () => {
  const production = await startGateway({ ...graph.gatewayDeps, production: true }, { port: 0 });
  try {
    expect((await fetch(`${production.http.url}/explorer/`)).status).toBe(404);
    expect((await fetch(`${production.http.url}/explorer/config.json`)).status).toBe(404);
  } finally {
    await production.stop();
  }
});
