import type { Context } from '../context.ts';
import type { PeriodSketches } from '../distinctSketchSql.ts';

/** An instance counts from its own rows: every distinct count it gives is exact. */
const EXACT = Object.freeze({ exact: true, relativeError: 0 });

/**
 * `coverage` and `countAccuracy` of an instance's aggregate: it says what it knows, the agencies
 * it holds (or the one agency of an `AgencyPeriod`) and exact counts. The gateway rewrites both
 * when it merges the answers of several instances.
 */
export function coverageFields<Key>(included: (key: Key, context: Context) => readonly string[]) {
  return {
    coverage: (key: Key, _args: unknown, context: Context) => ({
      included: [...included(key, context)],
      excluded: [],
    }),
    countAccuracy: () => EXACT,
  };
}

type LoadSketches<Key> = (key: Key, loaders: Context['loaders']) => Promise<PeriodSketches>;

/**
 * The `@inaccessible` sketch fields of `RegionPeriod` and `NationalPeriod`, for the gateway to
 * combine across agencies: asking for all three is one statement per batch of keys.
 */
export function sketchFields<Key>(load: LoadSketches<Key>) {
  const field =
    (name: keyof PeriodSketches) =>
    (key: Key, _args: unknown, { loaders }: Context): Promise<string> =>
      load(key, loaders).then((sketches) => sketches[name]);
  return {
    activeVolunteersSketch: field('activeVolunteersSketch'),
    previousActiveVolunteersSketch: field('previousActiveVolunteersSketch'),
    activeTeamLeadsSketch: field('activeTeamLeadsSketch'),
  };
}

/** `closedAgencies` of a region's or the nation's period: the held agencies that closed it. */
export const closedAgenciesField = {
  closedAgencies: async ({ period }: { period: string }, _args: unknown, { loaders }: Context) => [
    ...(await loaders.periodCloses.load(period)).keys(),
  ],
};
