import { expect, it } from 'vitest';
import { launchBrowser } from './support/launchBrowser.ts';

it('fails the browser tests with how to install Chromium when it is missing, never skips them', async () => {
  await expect(launchBrowser('/nonexistent/chromium')).rejects.toThrow(
    /need Chromium at \/nonexistent\/chromium\. Install Debian's package: sudo apt-get install -y chromium/,
  );
});
