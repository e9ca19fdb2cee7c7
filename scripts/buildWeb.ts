import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWebApps } from '../gateway/src/web/buildWebApps.ts';
import { WEB_APPS } from '../gateway/src/web/webApps.ts';

// `npm run build:web [-- --force]`: builds the explorer and the dashboard when stale (all of
// them with --force) and prints each bundle's size, raw and gzipped, as a browser downloads it.
const force = process.argv.includes('--force');
const results = await buildWebApps({ log: console.log, force });
for (const app of WEB_APPS) {
  const files = filesUnder(app.outDir);
  const raw = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const gzipped = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
  const built = results.find((result) => result.name === app.name);
  console.log(
    `${app.name.padEnd(10)} ${path.relative(process.cwd(), app.outDir).padEnd(22)} ${kib(raw)} (${kib(gzipped)} gzipped)${built?.built ? `, built in ${(built.ms / 1000).toFixed(1)} s` : ', up to date'}`,
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name))
      : entry.name.startsWith('.') || entry.name.endsWith('.gz')
        ? []
        : [path.join(dir, entry.name)],
  );
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0).padStart(6)} KiB`;
}
