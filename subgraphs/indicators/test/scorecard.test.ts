import { describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import {
  assess,
  elapsedShare,
  expectedToDate,
  indicatorValues,
  targetFor,
  type Accrual,
  type Direction,
  type Measured,
  type ScopeFigures,
} from '../src/scorecard.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const share = (period: string, today: string) => elapsedShare(parsePeriod(period), day(today));

describe('the share of a period elapsed by the end of a day', () => {
  it.each([
    ['2026', '2025-06-01', 0, 'months before it starts'],
    ['2026', '2025-12-31', 0, 'the day before it starts'],
    ['2026', '2026-01-01', 1 / 365, 'its first day'],
    ['2026', '2026-06-30', 181 / 365, 'the end of June'],
    ['2026', '2026-12-31', 1, 'its last day'],
    ['2026', '2027-03-01', 1, 'after it ended'],
    ['2026-02', '2026-02-14', 14 / 28, 'half of February'],
    ['2026-02', '2026-01-31', 0, 'the day before February'],
    ['2028-02', '2028-02-29', 1, 'the leap day, last of its February'],
    ['2026-Q2', '2026-05-15', 45 / 91, 'mid-May in the second quarter'],
    ['2026-Q2', '2026-06-30', 1, 'the last day of the second quarter'],
    ['2026-Q3', '2026-06-30', 0, 'the day before the third quarter'],
  ])('%s on %s is %d (%s)', (period, today, expected) => {
    expect(share(period, today)).toBeCloseTo(expected, 12);
  });
});

describe('the target of a period', () => {
  const target = (period: string, accrual: Accrual, exact?: number, yearly?: number) => {
    const parsed = parsePeriod(period);
    const year = parsePeriod(String(parsed.start.getUTCFullYear()));
    const yearDays = (year.end.getTime() - year.start.getTime()) / 86_400_000;
    return targetFor(parsed, accrual, exact, yearly, yearDays);
  };

  it.each<[string, string, Accrual, number | undefined, number | undefined, number | null]>([
    ['a target set for the quarter wins over the year', '2026-Q1', 'CUMULATIVE', 50, 36_500, 50],
    ['a target set for the month wins, LEVEL too', '2026-07', 'LEVEL', 35, 40, 35],
    ['a target of 0 set for the period still wins', '2026-Q1', 'CUMULATIVE', 0, 36_500, 0],
    ['the year takes its own target', '2026', 'CUMULATIVE', 36_500, 36_500, 36_500],
    [
      'the first quarter takes 90/365 of a CUMULATIVE year',
      '2026-Q1',
      'CUMULATIVE',
      undefined,
      36_500,
      9_000,
    ],
    ['the second quarter takes 91/365', '2026-Q2', 'CUMULATIVE', undefined, 36_500, 9_100],
    ['the third quarter takes 92/365', '2026-Q3', 'CUMULATIVE', undefined, 36_500, 9_200],
    ['February takes 28/365', '2026-02', 'CUMULATIVE', undefined, 36_500, 2_800],
    ['a leap first quarter takes 91/366', '2028-Q1', 'CUMULATIVE', undefined, 36_600, 9_100],
    [
      'a pro-rated target stays unrounded (it is rounded for display only)',
      '2026-Q1',
      'CUMULATIVE',
      undefined,
      1_000,
      (1_000 * 90) / 365,
    ],
    ['a LEVEL year target applies to a quarter as it is', '2026-Q1', 'LEVEL', undefined, 40, 40],
    ['a LEVEL year target applies to a month as it is', '2026-06', 'LEVEL', undefined, 1.5, 1.5],
    ['no target at all is none (CUMULATIVE)', '2026-Q1', 'CUMULATIVE', undefined, undefined, null],
    ['no target at all is none (LEVEL)', '2026', 'LEVEL', undefined, undefined, null],
  ])('%s: %s %s', (_, period, accrual, exact, yearly, expected) => {
    const derived = target(period, accrual, exact, yearly);
    if (expected === null) expect(derived).toBeNull();
    else expect(derived).toBeCloseTo(expected, 9);
  });
});

describe('what a target expects by a day', () => {
  it.each<[number, Accrual, string, string, number | null]>([
    [36_500, 'CUMULATIVE', '2026', '2026-06-30', 18_100],
    [36_500, 'LEVEL', '2026', '2026-06-30', 36_500],
    [36_500, 'DISTINCT_COUNT', '2026', '2026-06-30', 36_500],
    [1_000, 'CUMULATIVE', '2026', '2026-01-01', 1_000 / 365],
    [9_100, 'CUMULATIVE', '2026-Q2', '2026-05-15', 4_500],
    [9_100, 'CUMULATIVE', '2026-Q2', '2026-06-30', 9_100],
    [9_100, 'CUMULATIVE', '2026-Q2', '2026-09-30', 9_100],
    [1_000, 'CUMULATIVE', '2027', '2026-06-30', null],
    [50, 'LEVEL', '2027', '2026-06-30', null],
  ])('a target of %d (%s) for %s by %s expects %s', (target, accrual, period, today, expected) => {
    const expectation = expectedToDate(target, accrual, parsePeriod(period), day(today));
    if (expected === null) expect(expectation).toBeNull();
    else expect(expectation).toBeCloseTo(expected, 9);
  });
});

describe('the status of a value against what was expected', () => {
  it.each<[number, number, Direction, number | null, string]>([
    [100, 100, 'HIGHER_IS_BETTER', 1, 'ON_TRACK'],
    [150, 100, 'HIGHER_IS_BETTER', 1.5, 'ON_TRACK'],
    [99.99, 100, 'HIGHER_IS_BETTER', 0.9999, 'AT_RISK'],
    [99.996, 100, 'HIGHER_IS_BETTER', 0.9999, 'AT_RISK'],
    [80, 100, 'HIGHER_IS_BETTER', 0.8, 'AT_RISK'],
    [4, 5, 'HIGHER_IS_BETTER', 0.8, 'AT_RISK'],
    [79.99, 100, 'HIGHER_IS_BETTER', 0.7999, 'OFF_TRACK'],
    [0, 100, 'HIGHER_IS_BETTER', 0, 'OFF_TRACK'],
    [1, 3, 'HIGHER_IS_BETTER', 0.3333, 'OFF_TRACK'],
    [5, 0, 'HIGHER_IS_BETTER', null, 'ON_TRACK'],
    [0, 0, 'HIGHER_IS_BETTER', null, 'ON_TRACK'],
    [100, 100, 'LOWER_IS_BETTER', 1, 'ON_TRACK'],
    [50, 100, 'LOWER_IS_BETTER', 2, 'ON_TRACK'],
    [101, 100, 'LOWER_IS_BETTER', 0.99, 'AT_RISK'],
    [125, 100, 'LOWER_IS_BETTER', 0.8, 'AT_RISK'],
    [125.02, 100, 'LOWER_IS_BETTER', 0.7998, 'OFF_TRACK'],
    [300, 100, 'LOWER_IS_BETTER', 0.3333, 'OFF_TRACK'],
    [0, 100, 'LOWER_IS_BETTER', null, 'ON_TRACK'],
    [7, 0, 'LOWER_IS_BETTER', null, 'ON_TRACK'],
  ])(
    '%d against %d expected (%s): attainment %s, %s',
    (value, expected, direction, attainment, status) => {
      expect(assess(value, expected, direction)).toEqual({ attainment, status });
    },
  );
});

describe('the indicator values of a scope', () => {
  const agency: ScopeFigures = {
    activeVolunteers: 10,
    verifiedHours: 120.5,
    beneficiaries: 300,
    programsRun: 2,
    retainedVolunteers: 4,
    activeTeamLeads: 1,
  };
  /** Compares unrounded values to 12 decimals; `null` stands for "no value, for this reason". */
  const expectValues = (
    values: Record<string, Measured>,
    expected: Record<string, number | string>,
  ) => {
    expect(Object.keys(values)).toEqual(Object.keys(expected));
    for (const [code, value] of Object.entries(expected)) {
      if (typeof value === 'string') {
        expect(values[code]).toEqual({ value: null, noValueBecause: value });
      } else {
        expect(values[code]?.noValueBecause).toBeNull();
        expect(values[code]?.value).toBeCloseTo(value, 12);
      }
    }
  };

  it.each<[string, ScopeFigures, string, string, Record<string, number | string>]>([
    [
      'an agency half-way through 2026: no registered volunteers, weekly hours over 181 days',
      agency,
      '2026',
      '2026-06-30',
      {
        ACTIVE_VOLUNTEERS: 10,
        REGISTERED_VOLUNTEERS: 'NOT_DEFINED_FOR_SCOPE',
        VERIFIED_HOURS: 120.5,
        AVG_WEEKLY_HOURS: 120.5 / 10 / (181 / 7),
        BENEFICIARIES: 300,
        PROGRAMS_RUN: 2,
        RETENTION_RATE: 40,
        TEAM_LEAD_RATIO: 10,
        ECONOMIC_VALUE: 5_455,
      },
    ],
    [
      'a region, which knows its registered volunteers',
      { ...agency, registeredVolunteers: 5_000 },
      '2026',
      '2026-06-30',
      {
        ACTIVE_VOLUNTEERS: 10,
        REGISTERED_VOLUNTEERS: 5_000,
        VERIFIED_HOURS: 120.5,
        AVG_WEEKLY_HOURS: 120.5 / 10 / (181 / 7),
        BENEFICIARIES: 300,
        PROGRAMS_RUN: 2,
        RETENTION_RATE: 40,
        TEAM_LEAD_RATIO: 10,
        ECONOMIC_VALUE: 5_455,
      },
    ],
    [
      'a finished February: four weeks; thirds kept unrounded',
      {
        ...agency,
        activeVolunteers: 3,
        verifiedHours: 36,
        retainedVolunteers: 1,
        activeTeamLeads: 2,
      },
      '2026-02',
      '2026-06-30',
      {
        ACTIVE_VOLUNTEERS: 3,
        REGISTERED_VOLUNTEERS: 'NOT_DEFINED_FOR_SCOPE',
        VERIFIED_HOURS: 36,
        AVG_WEEKLY_HOURS: 3,
        BENEFICIARIES: 300,
        PROGRAMS_RUN: 2,
        RETENTION_RATE: 100 / 3,
        TEAM_LEAD_RATIO: 200 / 3,
        ECONOMIC_VALUE: 5_455,
      },
    ],
  ])('%s', (_, figures, period, today, values) => {
    expectValues(indicatorValues(figures, 5_455, parsePeriod(period), day(today)), values);
  });

  it.each([
    ['2026-Q2', '2026-05-15', 90, 2, 7, 'hours over the 45 days elapsed of the quarter'],
    ['2026-Q2', '2026-06-30', 91, 1, 7, 'hours over all 13 weeks of a finished quarter'],
    ['2026', '2026-01-03', 12, 2, 6, 'a first week shorter than seven days counts as one week'],
  ])(
    'average weekly hours in %s by %s: %d h by %d volunteers is %d (%s)',
    (period, today, hours, volunteers, average) => {
      const figures = { ...agency, verifiedHours: hours, activeVolunteers: volunteers };

      const values = indicatorValues(figures, 0, parsePeriod(period), day(today));

      expect(values.AVG_WEEKLY_HOURS).toEqual({ value: average, noValueBecause: null });
    },
  );

  it('has no economic value when no valuation table was in force', () => {
    const values = indicatorValues(agency, null, parsePeriod('2026'), day('2026-06-30'));

    expect(values.ECONOMIC_VALUE).toEqual({ value: null, noValueBecause: 'NO_VALUATION_TABLE' });
  });
});
