import { describe, expect, it } from 'vitest';
import { parsePeriod, periodDays, previousPeriod } from '@sahem/kit';

describe('the period before a period', () => {
  it.each([
    ['2026', '2025'],
    ['2001', '2000'],
    ['2026-Q4', '2026-Q3'],
    ['2026-Q2', '2026-Q1'],
    ['2026-Q1', '2025-Q4'],
    ['2026-12', '2026-11'],
    ['2026-10', '2026-09'],
    ['2026-07', '2026-06'],
    ['2026-02', '2026-01'],
    ['2026-01', '2025-12'],
  ])('before %s comes %s', (period, before) => {
    expect(previousPeriod(parsePeriod(period))).toEqual(parsePeriod(before));
  });
});

describe('the days of a period', () => {
  it.each([
    ['2026', 365],
    ['2028', 366],
    ['2100', 365],
    ['2000', 366],
    ['2026-Q1', 90],
    ['2028-Q1', 91],
    ['2026-Q2', 91],
    ['2026-Q3', 92],
    ['2026-Q4', 92],
    ['2026-02', 28],
    ['2028-02', 29],
    ['2026-04', 30],
    ['2026-07', 31],
    ['2026-12', 31],
  ])('%s has %i days', (period, days) => {
    expect(periodDays(parsePeriod(period))).toBe(days);
  });
});
