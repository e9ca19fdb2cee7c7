import { describe, expect, it } from 'vitest';
import { isoDate, parsePeriod, periodRange, periodsWithin, today } from '@sahem/kit';

describe('parsing a period', () => {
  it.each([
    ['2026', 'YEAR', '2026-01-01', '2027-01-01'],
    ['2026-Q1', 'QUARTER', '2026-01-01', '2026-04-01'],
    ['2026-Q2', 'QUARTER', '2026-04-01', '2026-07-01'],
    ['2026-Q3', 'QUARTER', '2026-07-01', '2026-10-01'],
    ['2026-Q4', 'QUARTER', '2026-10-01', '2027-01-01'],
    ['2026-01', 'MONTH', '2026-01-01', '2026-02-01'],
    ['2026-02', 'MONTH', '2026-02-01', '2026-03-01'],
    ['2028-02', 'MONTH', '2028-02-01', '2028-03-01'],
    ['2026-07', 'MONTH', '2026-07-01', '2026-08-01'],
    ['2026-12', 'MONTH', '2026-12-01', '2027-01-01'],
    ['2000', 'YEAR', '2000-01-01', '2001-01-01'],
    ['2100', 'YEAR', '2100-01-01', '2101-01-01'],
  ])('%s is a %s from %s up to %s', (text, granularity, start, end) => {
    expect(parsePeriod(text)).toEqual({
      key: text,
      granularity,
      start: new Date(`${start}T00:00:00Z`),
      end: new Date(`${end}T00:00:00Z`),
    });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-1',
    '26',
    '2026-Q5',
    '2026-Q0',
    '2026-q1',
    '1999',
    '2101',
    '2026-07-01',
    ' 2026',
    '2026 ',
    '',
    'last year',
  ])('refuses "%s" as BAD_USER_INPUT on period', (text) => {
    expect(() => parsePeriod(text)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'period' } }),
    );
  });

  it('names the field it was given', () => {
    expect(() => parsePeriod('2026-13', 'input.period')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'input.period' } }),
    );
  });
});

describe('today', () => {
  it.each([
    ['2026-06-15T10:00:00Z', '2026-06-15'],
    ['2026-06-15T00:00:00Z', '2026-06-15'],
    ['2026-06-15T23:59:59.999Z', '2026-06-15'],
    ['2026-06-15T23:30:00-02:00', '2026-06-16'],
    ['2026-12-31T23:59:59Z', '2026-12-31'],
  ])('at %s is %s (UTC)', (now, day) => {
    expect(today(new Date(now))).toEqual(new Date(`${day}T00:00:00Z`));
    expect(isoDate(today(new Date(now)))).toBe(day);
  });
});

describe('the periods within a period', () => {
  it.each([
    ['2026-07', []],
    ['2026-Q3', ['2026-07', '2026-08', '2026-09']],
    ['2026-Q1', ['2026-01', '2026-02', '2026-03']],
    [
      '2026',
      [
        '2026-Q1',
        '2026-Q2',
        '2026-Q3',
        '2026-Q4',
        ...Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`),
      ],
    ],
  ])('%s contains %j', (text, within) => {
    expect(periodsWithin(parsePeriod(text)).map((period) => period.key)).toEqual(within);
  });
});

describe('a series of periods', () => {
  it.each([
    ['2026-03', '2026-03', ['2026-03']],
    ['2025-11', '2026-02', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2025-Q3', '2026-Q2', ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']],
    ['2024', '2026', ['2024', '2025', '2026']],
    [
      '2024-01',
      '2026-12',
      Array.from(
        { length: 36 },
        (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
      ),
    ],
  ])('from %s to %s is %j', (from, to, keys) => {
    expect(periodRange(from, to).map((period) => period.key)).toEqual(keys);
  });

  it.each([
    ['2026-01', '2026-Q2', 'to'],
    ['2026', '2026-12', 'to'],
    ['2026-05', '2026-04', 'to'],
    ['2024-01', '2027-01', 'to'],
    ['2026-13', '2026-12', 'from'],
    ['2026-01', 'soon', 'to'],
  ])('refuses from %s to %s, naming %s', (from, to, field) => {
    expect(() => periodRange(from, to)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      }),
    );
  });
});
