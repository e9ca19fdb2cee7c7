import { describe, expect, it } from 'vitest';
import { monthsOf, periodOptions } from '../src/periods.ts';

describe('monthsOf', () => {
  it.each([
    [
      '2026',
      [
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
      ],
    ],
    ['2026-Q1', ['2026-01', '2026-02', '2026-03']],
    ['2025-Q4', ['2025-10', '2025-11', '2025-12']],
  ])('%s', (period, months) => {
    expect(monthsOf(period)).toEqual(months);
  });

  it.each(['2026-07', '2026-Q5', 'soon'])('refuses %s', (period) => {
    expect(() => monthsOf(period)).toThrow(RangeError);
  });
});

describe('periodOptions', () => {
  it('lists each year before its quarters, newest first', () => {
    expect(periodOptions(2026, 2)).toEqual([
      '2026',
      '2026-Q4',
      '2026-Q3',
      '2026-Q2',
      '2026-Q1',
      '2025',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
  });
});
