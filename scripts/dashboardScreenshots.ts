import path from 'node:path';
import { launchBrowser } from '../gateway/test/support/launchBrowser.ts';

// `npm run screenshots -- [URL]`: the README's pictures of the dashboard, one per language, from
// a running `npm start` (default http://127.0.0.1:4000/dashboard/), in the offline test browser.
const url = process.argv[2] ?? 'http://127.0.0.1:4000/dashboard/';
const docs = path.resolve(import.meta.dirname, '..', 'docs');
const browser = await launchBrowser();
try {
  for (const language of ['ar', 'en']) {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(`${url}?lang=${language}&period=2026`);
    await page.locator('#content').waitFor({ state: 'visible' });
    const file = path.join(docs, `dashboard-${language}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
  if (browser.blocked.length > 0) throw new Error(`requests outside 127.0.0.1: ${browser.blocked}`);
} finally {
  await browser.close();
}
