import { LRUCache } from 'lru-cache';

/**
 * The root fields whose answers are aggregates of many records, computed in SQL, read by
 * dashboards over and over, and for which an answer some seconds old is as good as a fresh
 * one: an operation made only of these (and `__typename`) is cached whole.
 */
export const AGGREGATE_ROOT_FIELDS: readonly string[] = Object.freeze([
  'agencyPeriod',
  'agencyPeriods',
  'regionPeriod',
  'regionPeriods',
  'nationalPeriod',
  'nationalTrend',
  'regionTrend',
  'agencyTrend',
  'programRanking',
  'volunteerCounts',
]);

/** Options of the response cache (`GATEWAY_RESPONSE_CACHE_*`). */
export interface ResponseCacheOptions {
  /**
   * Longest a cached answer is served, the staleness bound: a figure changed anywhere but
   * through a mutation of this gateway process is seen within this time. 0: no cache.
   * @default 30000
   */
  ttlMs: number;
  /** Most answers held. @default 1000 */
  maxEntries: number;
  /** Most bytes of answers held (their JSON). @default 64 MiB */
  maxBytes: number;
  /** The root fields an operation may be made of to be cached. @default AGGREGATE_ROOT_FIELDS */
  fields: readonly string[];
}

/** The defaults of {@link ResponseCacheOptions}. */
export const DEFAULT_RESPONSE_CACHE: Readonly<ResponseCacheOptions> = Object.freeze({
  ttlMs: 30_000,
  maxEntries: 1_000,
  maxBytes: 64 * 1024 * 1024,
  fields: AGGREGATE_ROOT_FIELDS,
});

/** One cached answer, and what the audit trail records of the request that computed it. */
export interface CachedAnswer {
  /** The result's `data`, as JSON text: each hit parses its own copy. */
  data: string;
  /** When it was computed (epoch ms). */
  storedAt: number;
  subgraphs: string[];
  agencies: string[];
}

/** A bounded LRU of whole answers; a generation counter tells answers begun before a clear. */
export interface ResponseCache {
  readonly options: Readonly<ResponseCacheOptions>;
  get(key: string): CachedAnswer | undefined;
  /** Keeps `answer` unless the cache was cleared since `generation` (it may predate a change). */
  set(key: string, answer: CachedAnswer, generation: number): void;
  /** The current generation: read it when a request begins. */
  readonly generation: number;
  /** Forgets every answer (a mutation went through, a new supergraph is in service). */
  clear(): void;
  readonly size: number;
}

/** Builds the gateway's response cache (see {@link ResponseCache}). */
export function createResponseCache(options: Partial<ResponseCacheOptions> = {}): ResponseCache {
  const settings = Object.freeze({ ...DEFAULT_RESPONSE_CACHE, ...options });
  const entries = new LRUCache<string, CachedAnswer>({
    max: settings.maxEntries,
    maxSize: settings.maxBytes,
    // UTF-16 code units: close to the bytes held, and never less than the JSON's length.
    sizeCalculation: (answer) => Math.max(1, answer.data.length * 2),
    ttl: settings.ttlMs,
  });
  let generation = 0;
  return {
    options: settings,
    get: (key) => entries.get(key),
    set(key, answer, since) {
      // An answer larger than the whole budget is not kept (lru-cache would refuse it anyway).
      if (since !== generation || answer.data.length * 2 > settings.maxBytes) return;
      entries.set(key, answer);
    },
    get generation() {
      return generation;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
