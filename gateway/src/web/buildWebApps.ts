import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_APPS, type WebApp } from './webApps.ts';

/** Written into each build's folder: the hash of the inputs it was built from. */
const STAMP = '.build-stamp';
// Not inputs: build output, dependencies, tests (they never reach the bundle).
const SKIPPED = new Set(['dist', 'node_modules', 'test', STAMP]);

/** What {@link buildWebApps} did for one app. */
export interface WebAppBuild {
  name: WebApp['name'];
  built: boolean;
  ms: number;
}

/**
 * Builds the explorer and the dashboard with Vite when their output is missing or stale (built
 * from other sources, schema, client operations or lockfile than those on disk), so `npm start`,
 * the gateway and the tests never serve an old bundle and never rebuild a current one.
 */
export async function buildWebApps(
  options: { apps?: readonly WebApp[]; log?: (line: string) => void; force?: boolean } = {},
): Promise<WebAppBuild[]> {
  const results: WebAppBuild[] = [];
  for (const app of options.apps ?? WEB_APPS) {
    const started = Date.now();
    // A production copy carries the built bundle but not its sources (nor Vite): it serves what
    // was built where the image was made.
    if (!existsSync(path.join(app.root, 'vite.config.ts'))) {
      results.push({ name: app.name, built: false, ms: Date.now() - started });
      continue;
    }
    const stamp = inputsHash(app);
    const stampFile = path.join(app.outDir, STAMP);
    if (!options.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
      results.push({ name: app.name, built: false, ms: Date.now() - started });
      continue;
    }
    options.log?.(
      `building the ${app.name} (vite build ${path.relative(process.cwd(), app.root) || '.'})…`,
    );
    // Loaded on demand: a gateway whose bundles are current never loads the bundler.
    const { build } = await import('vite');
    await build({ root: app.root, configFile: path.join(app.root, 'vite.config.ts') });
    precompress(app.outDir);
    writeFileSync(stampFile, stamp);
    results.push({ name: app.name, built: true, ms: Date.now() - started });
  }
  return results;
}

/**
 * Writes a `.gz` beside every text file of a build, which the gateway sends to browsers that
 * accept gzip: the explorer goes from about 7 MB to about 2 MB on the wire, without compressing
 * on every request.
 */
function precompress(dir: string): void {
  for (const file of filesUnder(dir)) {
    if (!/\.(js|css|html|svg|json|ttf)$/.test(file) || statSync(file).size < 1024) continue;
    writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  }
}

/** sha256 over the path and content of every input file, in a stable order. */
export function inputsHash(app: WebApp): string {
  const hash = createHash('sha256');
  for (const file of [app.root, ...app.inputs].flatMap(filesUnder).sort()) {
    hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function filesUnder(entry: string): string[] {
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .filter((name) => !SKIPPED.has(name))
    .flatMap((name) => filesUnder(path.join(entry, name)));
}
