import { LRUCache } from 'lru-cache';

/** The sketches of the members of one scope's code in one period, as of one `version`. */
export interface CachedPeriodSketch {
  /** `PeriodTotal.version` when the members were read: a new version means they changed. */
  version: string;
  /** Encoded sketches of the members, and of those who led (`encodeSketch`). */
  active: string;
  lead: string;
}

/** Sketches kept by an instance between requests, least recently used first out. */
export type PeriodSketchCache = LRUCache<string, CachedPeriodSketch>;

/** The default bound of {@link createPeriodSketchCache}: 32 MiB of sketch text. */
export const DEFAULT_SKETCH_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * A cache of period sketches bounded by the characters of sketch text it holds (one byte each:
 * a sketch is base64url), so its memory is bounded whatever the number of periods asked; an
 * entry larger than the bound is not kept. Hashing every member of a national year takes
 * hundreds of milliseconds; the members of a past period rarely change, and a change gives
 * the period a new version, so a cached sketch is only reused while it is exact.
 */
export function createPeriodSketchCache(maxBytes = DEFAULT_SKETCH_CACHE_BYTES): PeriodSketchCache {
  return new LRUCache<string, CachedPeriodSketch>({
    maxSize: maxBytes,
    sizeCalculation: (value) => Math.max(1, value.active.length + value.lead.length),
  });
}
