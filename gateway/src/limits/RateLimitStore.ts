/** A token bucket's shape: it holds `capacity` tokens and refills continuously. */
export interface TokenBucketRule {
  /** Most tokens the bucket holds: the burst a caller may send at once. */
  capacity: number;
  /** Tokens added per minute, continuously (one every `60 / refillPerMinute` seconds). */
  refillPerMinute: number;
}

/** The outcome of one {@link RateLimitStore.take}. */
export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: seconds until a token is available (at least 1). 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Where token buckets live. One gateway process keeps them in memory
 * ({@link MemoryRateLimitStore}); replicas share a store (Redis, PostgreSQL) whose `take` does
 * the refill and the take in one atomic step (a Lua script, or an `UPDATE … RETURNING` on the
 * bucket row), so two replicas cannot both spend the last token.
 */
export interface RateLimitStore {
  /**
   * Refills the bucket of `key` for the time elapsed up to `now` (milliseconds since the
   * epoch), then takes one token if there is one. A bucket never seen is full.
   */
  take(key: string, rule: TokenBucketRule, now: number): Promise<TakeResult>;
}
