import { describe, expect, it } from 'vitest';
import { fetchDeadline } from '../src/deadlines/fetchDeadline.ts';

const NOW = 1_000_000;

describe('fetchDeadline', () => {
  it.each([
    // request deadline, fetch timeout, margin → abort at, subgraph told
    [NOW + 10_000, 10_000, 100, NOW + 10_000, NOW + 9_900],
    [NOW + 500, 10_000, 100, NOW + 500, NOW + 400],
    [NOW + 20_000, 2_000, 100, NOW + 2_000, NOW + 1_900],
    [undefined, 3_000, 100, NOW + 3_000, NOW + 2_900],
    // Little time left: the margin is at most half of it.
    [NOW + 60, 10_000, 100, NOW + 60, NOW + 30],
    [NOW - 5, 10_000, 100, NOW - 5, NOW - 5],
  ])(
    'deadline %s, timeout %i, margin %i → abort at %i, subgraph told %i',
    (deadline, timeoutMs, marginMs, abortAt, told) => {
      expect(fetchDeadline(deadline, { timeoutMs, marginMs }, NOW)).toEqual({
        abortAt,
        subgraphDeadline: told,
      });
    },
  );
});
