import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWebApps } from '../src/web/buildWebApps.ts';
import type { WebApp } from '../src/web/webApps.ts';

// A tiny app built by the real Vite: built when missing, left alone when current, rebuilt when
// a source or an outside input changes.
const root = mkdtempSync(path.join(tmpdir(), 'sahem-web-'));
const input = path.join(root, 'shared.txt');
mkdirSync(path.join(root, 'app'));
writeFileSync(path.join(root, 'app', 'vite.config.ts'), "export default { logLevel: 'silent' };\n");
writeFileSync(
  path.join(root, 'app', 'index.html'),
  '<!doctype html><script type="module" src="./main.js"></script>\n',
);
writeFileSync(path.join(root, 'app', 'main.js'), "document.title = 'one';\n");
writeFileSync(input, 'v1');
const app: WebApp = {
  name: 'explorer',
  root: path.join(root, 'app'),
  outDir: path.join(root, 'app', 'dist'),
  inputs: [input],
};
const build = () => buildWebApps({ apps: [app] }).then(([result]) => result!.built);

describe('buildWebApps', () => {
  it('builds when missing or stale and never rebuilds a current bundle', async () => {
    expect(await build()).toBe(true);
    expect(readFileSync(path.join(app.outDir, 'index.html'), 'utf8')).toContain('/assets/');
    expect(await build()).toBe(false);
    writeFileSync(path.join(root, 'app', 'main.js'), "document.title = 'two';\n");
    expect(await build()).toBe(true);
    writeFileSync(input, 'v2');
    expect(await build()).toBe(true);
    expect(await build()).toBe(false);
    rmSync(app.outDir, { recursive: true });
    expect(await build()).toBe(true);
  });
});
