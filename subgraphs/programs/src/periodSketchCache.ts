/** The sketches of the members of one scope's code in one period, as of one `version`. */
export interface CachedPeriodSketch {
  /** `PeriodTotal.version` when the members were read: a new version means they changed. */
  version: string;
  /** Encoded sketches of the members, and of those who led (`encodeSketch`). */
  active: string;
  lead: string;
}

/** Sketches kept by an instance between requests, least recently used first out. */
export interface PeriodSketchCache {
  get(key: string): CachedPeriodSketch | undefined;
  set(key: string, value: CachedPeriodSketch): void;
  /** Characters of sketch text held, at most the bound. */
  readonly size: number;
}

/** The default bound of {@link createPeriodSketchCache}: 32 MiB of sketch text. */
export const DEFAULT_SKETCH_CACHE_BYTES = 32 * 1024 * 1024;

const sizeOf = (value: CachedPeriodSketch) => value.active.length + value.lead.length;

/**
 * A cache of period sketches bounded by the characters of sketch text it holds (one byte each:
 * a sketch is base64url), so its memory is bounded whatever the number of periods asked. An
 * entry larger than the bound is not kept. Hashing every member of a national year takes
 * hundreds of milliseconds; the members of a past period rarely change, and a change gives
 * the period a new version, so a cached sketch is only reused while it is exact.
 */
export function createPeriodSketchCache(maxBytes = DEFAULT_SKETCH_CACHE_BYTES): PeriodSketchCache {
  const entries = new Map<string, CachedPeriodSketch>();
  let size = 0;
  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    size -= sizeOf(old);
  };
  return {
    get(key) {
      const value = entries.get(key);
      if (value) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      remove(key);
      if (sizeOf(value) > maxBytes) return;
      entries.set(key, value);
      size += sizeOf(value);
      for (const oldest of entries.keys()) {
        if (size <= maxBytes) break;
        remove(oldest);
      }
    },
    get size() {
      return size;
    },
  };
}
