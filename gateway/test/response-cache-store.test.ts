import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AGGREGATE_ROOT_FIELDS, createResponseCache } from '../src/caching/responseCache.ts';
import { isCacheable } from '../src/caching/responseCachePlugin.ts';

const operationOf = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;
const answer = (data: string) => ({ data, storedAt: Date.now(), subgraphs: [], agencies: [] });

describe('which operations the response cache may hold', () => {
  const fields = new Set(AGGREGATE_ROOT_FIELDS);
  it.each([
    ['{ nationalPeriod(period: "2026") { verifiedHours } }', true],
    ['query Q { __typename regionPeriods(period: "2026") { regionCode } }', true],
    [
      '{ a: agencyPeriods(period: "2026") { agencyCode } b: programRanking(period: "2026", orderBy: VERIFIED_HOURS) { rank } }',
      true,
    ],
    ['{ nationalPeriod(period: "2026") { verifiedHours } program(id: "SCD-00001") { id } }', false],
    ['{ volunteer(id: "V-0000001") { id } }', false],
    ['{ ... on Query { nationalPeriod(period: "2026") { verifiedHours } } }', false],
    ['mutation { closePeriod(agencyCode: "SCD", period: "2026") { agencyCode } }', false],
  ])('%s → %s', (text, expected) => {
    expect(isCacheable(operationOf(text), fields)).toBe(expected);
  });
});

describe('the response cache store', () => {
  it('holds at most maxEntries answers, dropping the least recently used', () => {
    const cache = createResponseCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', answer('1'), cache.generation);
    cache.set('b', answer('2'), cache.generation);
    cache.get('a');
    cache.set('c', answer('3'), cache.generation);
    expect([cache.get('a')?.data, cache.get('b')?.data, cache.get('c')?.data]).toEqual([
      '1',
      undefined,
      '3',
    ]);
  });

  it('holds at most maxBytes of answers, and never one larger than that', () => {
    const cache = createResponseCache({ ttlMs: 60_000, maxBytes: 100 });
    cache.set('big', answer('x'.repeat(60)), cache.generation);
    expect(cache.size).toBe(0);
    cache.set('a', answer('x'.repeat(20)), cache.generation);
    cache.set('b', answer('x'.repeat(20)), cache.generation);
    cache.set('c', answer('x'.repeat(20)), cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not keep an answer begun before a clear: it may predate the change', () => {
    const cache = createResponseCache({ ttlMs: 60_000 });
    const begun = cache.generation;
    cache.clear();
    cache.set('a', answer('stale'), begun);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', answer('fresh'), cache.generation);
    expect(cache.get('a')?.data).toBe('fresh');
  });

  it('forgets an answer older than its staleness bound', async () => {
    const cache = createResponseCache({ ttlMs: 30 });
    cache.set('a', answer('1'), cache.generation);
    expect(cache.get('a')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.get('a')).toBeUndefined();
  });
});
