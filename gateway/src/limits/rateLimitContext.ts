import type { IncomingMessage } from 'node:http';
import { addressBucket } from './addressBucket.ts';
import { RATE_LIMITED } from './limitErrors.ts';
import type { RateLimitStore, TakeResult } from './RateLimitStore.ts';

/** What the rate limiter reads from the gateway's context. */
export interface RateLimitedContext {
  /** An authenticated caller has a subject; anonymous callers have none. */
  caller?: { subject: string | null; role?: string; agency?: string | null };
  /** The client's address, as the context established it (trusted proxies included). */
  clientIp?: string;
  requestId?: string;
}

// The context a refused request had, so the audit trail can say whose request it was.
const refusedContexts = new WeakMap<object, RateLimitedContext>();

/** The context of a request the rate limiter refused after it was built; else undefined. */
export function contextOfRefusal(error: unknown): RateLimitedContext | undefined {
  return typeof error === 'object' && error !== null ? refusedContexts.get(error) : undefined;
}

/** Options of {@link rateLimitContext}. */
export interface RateLimitOptions {
  /** Requests a minute per authenticated caller, also its burst. */
  perMinute: number;
  /** Requests a minute per anonymous address, also its burst. */
  anonymousPerMinute: number;
  store: RateLimitStore;
  /** Milliseconds since the epoch. */
  clock: () => number;
  log: (line: string) => void;
}

/**
 * Wraps the gateway's context function with a token bucket per caller: authenticated callers
 * by subject, anonymous ones by address. It runs before the operation is even parsed, so a
 * refused request costs next to nothing, and answers `RATE_LIMITED` (HTTP 429, `Retry-After`).
 * A request whose context fails (a bearer token that does not verify) spends its address's
 * anonymous token too, so guessing tokens is rate-limited like anything else.
 */
export function rateLimitContext<C extends RateLimitedContext>(
  context: (req: IncomingMessage) => Promise<C>,
  options: RateLimitOptions,
): (req: IncomingMessage) => Promise<C> {
  const spend = async (
    subject: string | null | undefined,
    address: string | undefined,
    established?: C,
  ) => {
    const perMinute = subject ? options.perMinute : options.anonymousPerMinute;
    const key = subject ? `caller:${subject}` : `address:${addressBucket(address)}`;
    let result: TakeResult;
    try {
      result = await options.store.take(
        key,
        { capacity: perMinute, refillPerMinute: perMinute },
        options.clock(),
      );
    } catch (error) {
      // A shared store that is down must not take the national graph down with it.
      options.log(`gateway: rate limit not applied, the store failed: ${(error as Error).message}`);
      return;
    }
    if (!result.allowed) {
      const error = RATE_LIMITED.err(
        `Too many requests: ${subject ? 'a caller' : 'an anonymous address'} may send ${perMinute} a minute; retry in ${result.retryAfterSeconds} s.`,
        { retryAfterSeconds: result.retryAfterSeconds },
      );
      if (established) refusedContexts.set(error, established);
      throw error;
    }
  };

  return async (req) => {
    let value: C;
    try {
      value = await context(req);
    } catch (error) {
      await spend(null, req.socket.remoteAddress);
      throw error;
    }
    await spend(value.caller?.subject, value.clientIp ?? req.socket.remoteAddress, value);
    return value;
  };
}
