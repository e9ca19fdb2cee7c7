import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressBucket } from '../src/limits/addressBucket.ts';
import { MemoryRateLimitStore } from '../src/limits/MemoryRateLimitStore.ts';
import { rateLimitContext, type RateLimitedContext } from '../src/limits/rateLimitContext.ts';
import type { RateLimitStore } from '../src/limits/RateLimitStore.ts';

const RULE = { capacity: 3, refillPerMinute: 3 };
const T0 = Date.parse('2026-03-01T09:00:00Z');

async function takeMany(store: RateLimitStore, key: string, n: number, now = T0) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await store.take(key, RULE, now));
  return results;
}

describe('MemoryRateLimitStore', () => {
  it('allows a burst of capacity, then refuses with the wait for one token', async () => {
    const results = await takeMany(new MemoryRateLimitStore(), 'a', 4);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]!.retryAfterSeconds).toBe(20);
  });

  it.each([
    [19_999, false, 1],
    [20_000, true, 0],
    [30_000, true, 0],
  ])('refills continuously: %i ms after emptying, allowed %s', async (elapsed, allowed, retry) => {
    const store = new MemoryRateLimitStore();
    await takeMany(store, 'a', 3);
    const result = await store.take('a', RULE, T0 + elapsed);
    expect(result.allowed).toBe(allowed);
    expect(result.retryAfterSeconds).toBe(retry);
  });

  it('never holds more than its capacity', async () => {
    const store = new MemoryRateLimitStore();
    await takeMany(store, 'a', 1);
    const later = await takeMany(store, 'a', 4, T0 + 3_600_000);
    expect(later.map((r) => r.allowed)).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key', async () => {
    const store = new MemoryRateLimitStore();
    await takeMany(store, 'a', 3);
    expect((await store.take('b', RULE, T0)).allowed).toBe(true);
    expect((await store.take('a', RULE, T0)).allowed).toBe(false);
  });

  it('does not drain a bucket when the clock steps back', async () => {
    const store = new MemoryRateLimitStore();
    await takeMany(store, 'a', 2);
    expect((await store.take('a', RULE, T0 - 60_000)).allowed).toBe(true);
  });

  it('forgets buckets idle long enough to be full again', async () => {
    const store = new MemoryRateLimitStore();
    await takeMany(store, 'a', 3);
    await takeMany(store, 'b', 1, T0 + 30_000);
    expect(store.size).toBe(2);
    // 'a' is full at T0 + 60 s, 'b' at T0 + 50 s: both go, 'c' is all that is left.
    await store.take('c', RULE, T0 + 60_000);
    expect(store.size).toBe(1);
  });

  it('keeps at most maxBuckets, dropping the least recently used', async () => {
    const store = new MemoryRateLimitStore({ maxBuckets: 2 });
    await takeMany(store, 'a', 3);
    await takeMany(store, 'b', 3);
    await store.take('a', RULE, T0);
    await store.take('c', RULE, T0);
    expect(store.size).toBe(2);
    // 'a' was kept, empty; 'b' was dropped and starts full again.
    expect((await store.take('a', RULE, T0)).allowed).toBe(false);
    expect((await store.take('b', RULE, T0)).allowed).toBe(true);
  });
});

describe('addressBucket', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
  ])('puts %s in %s', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });
});

describe('rateLimitContext', () => {
  const request = { socket: { remoteAddress: '198.51.100.4' } } as IncomingMessage;
  const limited = (
    contextOf: () => RateLimitedContext,
    store: RateLimitStore = new MemoryRateLimitStore(),
    log: (line: string) => void = () => undefined,
  ) =>
    rateLimitContext(async () => contextOf(), {
      perMinute: 3,
      anonymousPerMinute: 2,
      store,
      clock: () => T0,
      log,
    });
  const outcomes = async (context: (req: IncomingMessage) => Promise<unknown>, n: number) => {
    const codes = [];
    for (let i = 0; i < n; i++) {
      codes.push(
        await context(request).then(
          () => 'ok',
          (error: { extensions?: { code?: string } }) => error.extensions?.code,
        ),
      );
    }
    return codes;
  };

  it('limits anonymous callers by address and callers by subject, separately', async () => {
    const store = new MemoryRateLimitStore();
    const anonymous = limited(
      () => ({ caller: { subject: null }, clientIp: '203.0.113.7' }),
      store,
    );
    const noura = limited(
      () => ({ caller: { subject: 'V-0000001' }, clientIp: '203.0.113.7' }),
      store,
    );
    const khalid = limited(
      () => ({ caller: { subject: 'V-0000005' }, clientIp: '203.0.113.7' }),
      store,
    );
    expect(await outcomes(anonymous, 3)).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    expect(await outcomes(noura, 4)).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(await outcomes(khalid, 1)).toEqual(['ok']);
  });

  it('falls back to the socket address when the context has none', async () => {
    const store = new MemoryRateLimitStore();
    await outcomes(
      limited(() => ({}), store),
      2,
    );
    const other = { socket: { remoteAddress: '198.51.100.4' } } as IncomingMessage;
    await expect(limited(() => ({ clientIp: '198.51.100.4' }), store)(other)).rejects.toThrow(
      /Too many requests/,
    );
  });

  it('charges a request whose context fails to its address, and refuses it when over', async () => {
    const refused = Object.assign(new Error('The bearer token was refused'), {
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const failing = limited(() => {
      throw refused;
    });
    expect(await outcomes(failing, 3)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
  });

  it('lets requests through, and says so, when the store fails', async () => {
    const lines: string[] = [];
    const broken: RateLimitStore = { take: () => Promise.reject(new Error('connection refused')) };
    expect(
      await outcomes(
        limited(
          () => ({}),
          broken,
          (line) => lines.push(line),
        ),
        3,
      ),
    ).toEqual(['ok', 'ok', 'ok']);
    expect(lines[0]).toMatch(/rate limit not applied.*connection refused/);
  });
});
