import { createPeriodSketchCache, type PeriodSketchCache } from './periodSketchCache.ts';
import { createProgramsRunCache, type ProgramsRunCache } from './programsRunCache.ts';

/**
 * What an instance keeps between requests of the period figures it computes, each entry under
 * the version of the rows it was computed from: the sketches of each period's members, and the
 * programs run and beneficiaries of each code, period and day.
 */
export interface PeriodCaches {
  sketches: PeriodSketchCache;
  programsRun: ProgramsRunCache;
}

/** The caches of one instance (one server), the sketches bounded by `sketchBytes`. */
export function createPeriodCaches(sketchBytes?: number): PeriodCaches {
  return { sketches: createPeriodSketchCache(sketchBytes), programsRun: createProgramsRunCache() };
}
