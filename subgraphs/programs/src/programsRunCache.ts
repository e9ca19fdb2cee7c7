import { LRUCache } from 'lru-cache';

/** Programs run and beneficiaries of one code in one period on one day, as of one version. */
export interface CachedProgramsRun {
  /** `ProgramsVersion.version` when they were computed: a new version means programs changed. */
  version: string;
  programsRun: number;
  beneficiaries: number;
}

/** Programs-run figures kept by an instance between requests. */
export type ProgramsRunCache = LRUCache<string, CachedProgramsRun>;

/** The default bound of {@link createProgramsRunCache}: entries of a few dozen bytes each. */
export const DEFAULT_PROGRAMS_RUN_ENTRIES = 20_000;

/**
 * A cache of programs run and beneficiaries by dimension, code, period and day. They spread
 * each program's beneficiaries over the days it has run up to today, so they are computed from
 * every program of the period (thousands at the national size: most of a national figure's
 * cost once the distinct counts are rolled up). An entry is reused only under the
 * `ProgramsVersion` it was computed at, which every write to programs or closes raises.
 */
export function createProgramsRunCache(
  maxEntries = DEFAULT_PROGRAMS_RUN_ENTRIES,
): ProgramsRunCache {
  return new LRUCache<string, CachedProgramsRun>({ max: maxEntries });
}
