import type { RateLimitStore, TakeResult, TokenBucketRule } from './RateLimitStore.ts';

/** Options of {@link MemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /** Most buckets kept; beyond, the least recently used is dropped. @default 100000 */
  maxBuckets?: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was computed. */
  at: number;
  /** When the bucket will be full again if untouched: from then on it is the same as none. */
  fullAt: number;
}

/**
 * Token buckets in this process's memory, for a single gateway. Memory stays bounded: a bucket
 * idle long enough to be full again is deleted (a missing bucket is a full one, so nothing
 * changes for its caller), and at most `maxBuckets` are kept. The map is kept in
 * least-recently-used order, so both checks look at its oldest entries only.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, Bucket>();
  readonly #maxBuckets: number;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#maxBuckets = options.maxBuckets ?? 100_000;
  }

  /** Buckets held now (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  async take(key: string, rule: TokenBucketRule, now: number): Promise<TakeResult> {
    this.#evictIdle(now);
    // Milliseconds per token rather than tokens per millisecond: 3 a minute is exactly 20,000 ms,
    // so Retry-After says 20, not 21 after a rounding error.
    const msPerToken = 60_000 / rule.refillPerMinute;
    const bucket = this.#buckets.get(key);
    let tokens = rule.capacity;
    if (bucket) {
      // A clock that steps back (NTP) must not drain the bucket.
      tokens = Math.min(rule.capacity, bucket.tokens + Math.max(0, now - bucket.at) / msPerToken);
      this.#buckets.delete(key);
    }
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    this.#buckets.set(key, {
      tokens,
      at: now,
      fullAt: now + (rule.capacity - tokens) * msPerToken,
    });
    if (this.#buckets.size > this.#maxBuckets) {
      // Under a flood of identities the oldest bucket goes; its caller starts full again,
      // which is the price of bounded memory (the flood is what the other limits are for).
      const oldest = this.#buckets.keys().next();
      if (!oldest.done) this.#buckets.delete(oldest.value);
    }
    return {
      allowed,
      remaining: Math.floor(tokens),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(((1 - tokens) * msPerToken) / 1000)),
    };
  }

  #evictIdle(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.fullAt > now) return;
      this.#buckets.delete(key);
    }
  }
}
