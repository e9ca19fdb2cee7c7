import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { GATEWAY_MIGRATIONS } from '../src/audit/openAuditDatabase.ts';
import { PostgresRateLimitStore } from '../src/limits/PostgresRateLimitStore.ts';

const RULE = { capacity: 3, refillPerMinute: 3 };
let database: TestDatabase;
const stores: PostgresRateLimitStore[] = [];
// Each replica has a store of its own over the one database.
const replica = () => {
  const store = new PostgresRateLimitStore({ databaseUrl: database.url });
  stores.push(store);
  return store;
};

beforeAll(async () => {
  database = await createTestDatabase(GATEWAY_MIGRATIONS);
});
afterAll(async () => {
  for (const store of stores) await store.close();
  await database?.drop();
});

describe('PostgresRateLimitStore', () => {
  it('allows a burst of capacity, then refuses until the window ends', async () => {
    const store = replica();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.take('caller:a', RULE, Date.now()));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(55);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('shares one budget between replicas, also under concurrent takes', async () => {
    const [one, two] = [replica(), replica()];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).take('caller:b', RULE, Date.now())),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect((await one.take('caller:b', RULE, Date.now())).allowed).toBe(false);
    expect((await two.take('caller:b', RULE, Date.now())).allowed).toBe(false);
  });

  it('keeps one budget per key and per rule, whatever the key length', async () => {
    const store = replica();
    const long = `caller:${'x'.repeat(1000)}`;
    for (let i = 0; i < 3; i++) await store.take(long, RULE, Date.now());
    expect((await store.take(long, RULE, Date.now())).allowed).toBe(false);
    expect((await store.take('caller:c', RULE, Date.now())).allowed).toBe(true);
    // Another rule (the anonymous one) never spends the same counter.
    expect((await store.take(long, { capacity: 5, refillPerMinute: 5 }, Date.now())).allowed).toBe(
      true,
    );
  });

  it('fails (and so lets rateLimitContext pass the request) when the database is unreachable', async () => {
    const store = new PostgresRateLimitStore({
      databaseUrl: 'postgresql://nobody:x@127.0.0.1:9/none',
    });
    stores.push(store);
    await expect(store.take('caller:d', RULE, Date.now())).rejects.toThrow();
  });
});
