import { describe, expect, it } from 'vitest';
import { createPeriodSketchCache } from '../src/periodSketchCache.ts';

const entry = (version: string, size: number) => ({
  version,
  active: 'a'.repeat(size),
  lead: '',
});

describe('the period sketch cache', () => {
  it('keeps what fits in its bound, dropping the least recently used first', () => {
    const cache = createPeriodSketchCache(100);
    cache.set('a', entry('1', 40));
    cache.set('b', entry('1', 40));
    expect(cache.get('a')?.version).toBe('1'); // now b is the oldest
    cache.set('c', entry('1', 40));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.calculatedSize).toBe(80);
  });

  it('replaces an entry under the same key, counting its size once', () => {
    const cache = createPeriodSketchCache(100);
    cache.set('a', entry('1', 60));
    cache.set('a', entry('2', 30));
    expect(cache.get('a')?.version).toBe('2');
    expect(cache.calculatedSize).toBe(30);
  });

  it('keeps nothing larger than its bound', () => {
    const cache = createPeriodSketchCache(100);
    cache.set('a', entry('1', 10));
    cache.set('huge', entry('1', 101));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.calculatedSize).toBe(10);
  });
});
