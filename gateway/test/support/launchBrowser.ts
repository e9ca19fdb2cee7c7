import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); `SAHEM_CHROMIUM` points elsewhere. */
export const CHROMIUM = process.env.SAHEM_CHROMIUM ?? '/usr/bin/chromium';

/** Where the browser tests put their screenshots (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../.screenshots/', import.meta.url));

/** A headless Chromium that can reach 127.0.0.1 only. */
export interface TestBrowser {
  context: BrowserContext;
  /** A new page; its console errors and uncaught exceptions land in `problems`. */
  newPage(): Promise<Page>;
  /** Every request the browser tried to send outside 127.0.0.1 (and was refused). */
  blocked: string[];
  /** Console errors, failed requests and uncaught exceptions of every page. */
  problems: string[];
  /** Saves a screenshot of `page` as `.screenshots/<name>.png` and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium through playwright-core (which never downloads a browser) with a
 * fresh profile, no background traffic, and every request outside 127.0.0.1 refused by route
 * interception, so a page that works here works on a network with no internet. A missing
 * Chromium fails the test with how to install it: the browser tests are never skipped silently.
 */
export async function launchBrowser(executablePath = CHROMIUM): Promise<TestBrowser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `The browser tests need Chromium at ${executablePath}. Install Debian's package: sudo apt-get install -y chromium (.ci/run does it in CI), or set SAHEM_CHROMIUM to a Chromium binary. Nothing downloads a browser.`,
    );
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'sahem-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  const blocked: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      return page;
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
