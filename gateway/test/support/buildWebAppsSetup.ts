import { buildWebApps } from '../../src/web/buildWebApps.ts';

/**
 * Vitest global setup of the e2e project: builds the explorer and the dashboard once, before any
 * test file starts a gateway that serves them, when their bundles are missing or stale.
 */
export default async function setup(): Promise<void> {
  const results = await buildWebApps({ log: (line) => console.log(line) });
  for (const result of results.filter((r) => r.built)) {
    console.log(`built the ${result.name} in ${(result.ms / 1000).toFixed(1)} s`);
  }
}
