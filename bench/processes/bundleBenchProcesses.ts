import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntry } from '../../scripts/build/buildServices.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The bundles the bench runs, each as `node <file>`. */
export interface BenchBundles {
  dir: string;
  /** `bench/processes/subgraphProcess.ts`: any subgraph or agency instance. */
  subgraph: string;
  /** `gateway/src/index.ts`: Sahem's gateway exactly as production starts it. */
  gateway: string;
  /** `bench/processes/apolloGatewayProcess.ts`: the stock peer. */
  apollo: string;
  /** Deletes the bundles. */
  remove(): Promise<void>;
}

/**
 * Compiles the processes the bench starts as `npm run build` compiles the services (esbuild,
 * plain JavaScript with a linked source map, `node_modules` external): they run as production
 * runs them, with no TypeScript loader, start quicker, and their CPU profiles name real
 * functions, mapped back to our sources through the maps. The bundles go under
 * `node_modules/.cache/sahem-bench/<pid>/`, inside the repository so that their imports resolve.
 */
export async function bundleBenchProcesses(): Promise<BenchBundles> {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'sahem-bench', String(process.pid));
  await mkdir(dir, { recursive: true });
  const entries = {
    subgraph: path.join(ROOT, 'bench', 'processes', 'subgraphProcess.ts'),
    gateway: path.join(ROOT, 'gateway', 'src', 'index.ts'),
    apollo: path.join(ROOT, 'bench', 'processes', 'apolloGatewayProcess.ts'),
  };
  const outfiles = Object.fromEntries(
    Object.keys(entries).map((name) => [name, path.join(dir, `${name}.mjs`)]),
  ) as Record<keyof typeof entries, string>;
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      bundleEntry({ root: ROOT, entry, outfile: outfiles[name as keyof typeof entries] }),
    ),
  );
  return { dir, ...outfiles, remove: () => rm(dir, { recursive: true, force: true }) };
}
