import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitStore, TakeResult, TokenBucketRule } from './RateLimitStore.ts';

/** Options of {@link PostgresRateLimitStore}. */
export interface PostgresRateLimitStoreOptions {
  /** The gateway's PostgreSQL, migrated (`gateway/migrations` creates the table). */
  databaseUrl: string;
  /** @default 'rate_limit' */
  tableName?: string;
  /** Connections of this replica to the store. @default 4 */
  poolSize?: number;
}

/**
 * Rate-limit counters shared by every gateway replica, in the gateway's own PostgreSQL,
 * through `rate-limiter-flexible`. Each take is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`
 * on the key's row, which PostgreSQL runs under the row's lock, so replicas cannot both spend
 * the last request of a budget.
 *
 * The library counts in fixed windows, not a token bucket: a rule of `capacity` requests per
 * `60 × capacity / refillPerMinute` seconds, the window starting at the key's first request.
 * The budget and the burst are the same as the memory store's; only the refill differs (all
 * at once at the end of the window, rather than continuously). Windows are timed by each
 * replica's clock (`Date.now()`), so the replicas' clocks must be synchronised (NTP), and the
 * `now` a take is given is not used. Expired rows are deleted every five minutes.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly #pool: pg.Pool;
  readonly #tableName: string;
  readonly #limiters = new Map<string, RateLimiterPostgres>();

  constructor(options: PostgresRateLimitStoreOptions) {
    this.#tableName = options.tableName ?? 'rate_limit';
    this.#pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 4,
      application_name: 'sahem-gateway-rate-limit',
    });
    // A dropped idle connection must not crash the gateway; the next take reconnects or fails
    // (and rateLimitContext lets that request through, logged).
    this.#pool.on('error', () => undefined);
  }

  // `now` is not used: the library times windows with `Date.now()` (see above).
  async take(key: string, rule: TokenBucketRule, _now?: number): Promise<TakeResult> {
    try {
      const result = await this.#limiterFor(rule).consume(key, 1);
      return { allowed: true, remaining: result.remainingPoints, retryAfterSeconds: 0 };
    } catch (refusal) {
      // The library rejects with its result when the budget is spent, with an Error when the
      // store failed: only the first is a refusal.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return {
        allowed: false,
        remaining: 0,
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      };
    }
  }

  /** Closes this replica's connections; the counters stay in the database. */
  async close(): Promise<void> {
    await this.#pool.end();
  }

  #limiterFor(rule: TokenBucketRule): RateLimiterPostgres {
    const duration = Math.ceil((60 * rule.capacity) / rule.refillPerMinute);
    const id = `${rule.capacity}/${duration}s`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.#pool,
        tableName: this.#tableName,
        // Created by the gateway's migrations, so the gateway's role needs no CREATE right.
        tableCreated: true,
        clearExpiredByTimeout: true,
        // Rules differ per kind of caller (and per configuration): never share a counter.
        keyPrefix: `rl:${id}`,
        points: rule.capacity,
        duration,
        // A key over its budget is refused from memory until its window ends: a flood from one
        // caller costs the database nothing after its first refusal on this replica.
        inMemoryBlockOnConsumed: rule.capacity + 1,
      });
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }
}
