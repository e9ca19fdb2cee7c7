import { describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import { periodsBetween, shuffled } from '../data/pickVariables.ts';

describe('the periods the scorecard scenarios ask for', () => {
  it.each([
    ['one month', '2026-03-04', '2026-03-28', ['2026', '2026-Q1', '2026-03']],
    [
      'across a quarter',
      '2026-03-30',
      '2026-04-02',
      ['2026', '2026-Q1', '2026-Q2', '2026-03', '2026-04'],
    ],
    [
      'across a year',
      '2025-12-31',
      '2026-01-01',
      ['2025', '2025-Q4', '2025-12', '2026', '2026-Q1', '2026-01'],
    ],
  ])('%s', (_, from, to, periods) => {
    expect(periodsBetween(from, to)).toEqual(periods);
  });

  it("gives 32 periods for the seed's 2025 to October 2026, each one the graph accepts", () => {
    const periods = periodsBetween('2025-01-01', '2026-10-31');
    expect(periods).toHaveLength(2 + 8 + 22);
    for (const period of periods) expect(() => parsePeriod(period)).not.toThrow();
  });
});

describe('the order requests are sent in', () => {
  it('is a permutation fixed by its seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const once = shuffled(items, 7);
    expect(shuffled(items, 7)).toEqual(once);
    expect(shuffled(items, 8)).not.toEqual(once);
    expect([...once].sort((a, b) => a - b)).toEqual(items);
    expect(once).not.toEqual(items);
  });
});
