import { describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import {
  compareAnswers,
  ESTIMATE_RELATIVE_TOLERANCE,
  ESTIMATED_COUNTS,
  ESTIMATED_INDICATORS,
  intersectionTolerance,
  RATIO_RELATIVE_TOLERANCE,
} from '../measure/compareAnswers.ts';
import { indicatorValues, type ScopeFigures } from '../../subgraphs/indicators/src/scorecard.ts';

const line = (code: string, value: number, attainment: number, target = 100) => ({
  indicator: { code },
  value,
  target,
  attainment,
  status: 'ON_TRACK',
});

describe('comparing the answers of two gateways exactly', () => {
  it.each([
    [
      'equal objects whatever the key order',
      { a: 1, b: { c: 'x' } },
      { b: { c: 'x' }, a: 1 },
      undefined,
    ],
    [
      'a different number',
      { agencies: [{ hours: 12 }] },
      { agencies: [{ hours: 13 }] },
      'agencies[0].hours: 12 ≠ 13',
    ],
    ['a different string', { name: 'SCD' }, { name: 'SEC' }, 'name: "SCD" ≠ "SEC"'],
    ['null against a value', { v: null }, { v: 0 }, 'v: null ≠ 0'],
    ['a list of another length', { list: [1, 2] }, { list: [1] }, 'list: 2 items ≠ 1'],
    ['a list in another order', [1, 2], [2, 1], '[0]: 1 ≠ 2'],
    ['a key in one answer only', { a: 1 }, { a: 1, b: 2 }, 'b: present in one answer only'],
    ['a list against an object', { a: [] }, { a: {} }, 'a: a list and not a list'],
    // Without different layouts, an estimated count is compared like any other figure.
    [
      'a distinct count one off',
      { activeVolunteers: 243 },
      { activeVolunteers: 242 },
      'activeVolunteers: 243 ≠ 242',
    ],
  ])('%s', (_, expected, actual, difference) => {
    expect(compareAnswers(expected, actual)).toEqual(
      difference === undefined ? { state: 'equal' } : { state: 'differs', at: difference },
    );
  });
});

describe('comparing sketch estimates with exact counts (different agency layouts)', () => {
  const estimates = { estimates: true };

  it.each([
    ['a distinct count', ESTIMATE_RELATIVE_TOLERANCE, 0.025],
    ['a ratio of two', RATIO_RELATIVE_TOLERANCE, 0.035],
    ['an intersection at a retention of 55 %', intersectionTolerance(0.55), 0.09],
    ['an intersection near 0, taken at 5 %', intersectionTolerance(0.001), 1.175],
  ])('allows %s three standard errors, rounded up', (_, tolerance, expected) => {
    expect(tolerance).toBe(expected);
  });

  it('reports equal answers as equal', () => {
    const answer = {
      nationalPeriod: { activeVolunteers: 243, scorecard: [line('RETENTION_RATE', 41.2, 0.8)] },
    };
    expect(compareAnswers(answer, structuredClone(answer), estimates)).toEqual({ state: 'equal' });
  });

  it('reports estimates within their tolerance as approximate, with the largest deviation', () => {
    const expected = [
      {
        nationalPeriod: { activeVolunteers: 2430, retainedVolunteers: 1300, verifiedHours: 512.5 },
      },
      {
        nationalPeriod: {
          activeTeamLeads: 4,
          scorecard: {
            entries: [
              line('TEAM_LEAD_RATIO', 40, 0.5),
              { ...line('RETENTION_RATE', 40.07, 1.0018, 40), status: 'ON_TRACK' },
            ],
          },
        },
      },
    ];
    const actual = [
      // 1.2 % off; the intersection 6.9 % off, within its 9.3 % at a retention of 53 %.
      {
        nationalPeriod: { activeVolunteers: 2400, retainedVolunteers: 1390, verifiedHours: 512.5 },
      },
      {
        nationalPeriod: {
          // One off on a count of 4 is 25 %, allowed: an integer estimate may round either way.
          activeTeamLeads: 5,
          scorecard: {
            entries: [
              // A ratio 3 % off, within its 3.5 %.
              line('TEAM_LEAD_RATIO', 41.2, 0.515),
              // Either side of the target, so judged AT_RISK: a status the estimate tipped.
              { ...line('RETENTION_RATE', 39.82, 0.9955, 40), status: 'AT_RISK' },
            ],
          },
        },
      },
    ];
    expect(compareAnswers(expected, actual, estimates)).toEqual({
      state: 'approximate',
      maxDeviation: 0.25,
      at: '[1].nationalPeriod.activeTeamLeads: 4 ≠ 5',
      tippedStatuses: 1,
    });
  });

  it.each([
    [
      'a count beyond 2.5 % and 1',
      { activeVolunteers: 1000 },
      { activeVolunteers: 1026 },
      'activeVolunteers: 1000 ≠ 1026',
    ],
    [
      'a small count two off',
      { activeTeamLeads: 4 },
      { activeTeamLeads: 6 },
      'activeTeamLeads: 4 ≠ 6',
    ],
    [
      'an intersection beyond its tolerance',
      { activeVolunteers: 2000, retainedVolunteers: 1000 },
      { activeVolunteers: 2000, retainedVolunteers: 1120 },
      'retainedVolunteers: 1000 ≠ 1120',
    ],
    [
      'a ratio beyond 3.5 %',
      { entries: [line('TEAM_LEAD_RATIO', 40, 0.5)] },
      { entries: [line('TEAM_LEAD_RATIO', 41.5, 0.5)] },
      'entries[0].value: 40 ≠ 41.5',
    ],
    [
      'a retention rate beyond its tolerance',
      { entries: [line('RETENTION_RATE', 40, 0.5)] },
      { entries: [line('RETENTION_RATE', 46, 0.5)] },
      'entries[0].value: 40 ≠ 46',
    ],
    [
      'a derived attainment beyond 2.5 %',
      { entries: [line('AVG_WEEKLY_HOURS', 2, 0.5)] },
      { entries: [line('AVG_WEEKLY_HOURS', 2, 0.52)] },
      'entries[0].attainment: 0.5 ≠ 0.52',
    ],
  ])('flags %s', (_, expected, actual, difference) => {
    expect(compareAnswers(expected, actual, estimates)).toEqual({
      state: 'differs',
      at: difference,
    });
  });

  it.each([
    [
      'verified hours off by one',
      { verifiedHours: 100 },
      { verifiedHours: 101 },
      'verifiedHours: 100 ≠ 101',
    ],
    [
      'registered volunteers off by one',
      { registeredVolunteers: 900 },
      { registeredVolunteers: 901 },
      'registeredVolunteers: 900 ≠ 901',
    ],
    [
      'the value of an indicator not computed from distinct counts',
      { entries: [line('VERIFIED_HOURS', 900, 0.9)] },
      { entries: [line('VERIFIED_HOURS', 901, 0.9)] },
      'entries[0].value: 900 ≠ 901',
    ],
    [
      'the target of an estimated indicator',
      { entries: [line('ACTIVE_VOLUNTEERS', 240, 0.8, 300)] },
      { entries: [line('ACTIVE_VOLUNTEERS', 240, 0.8, 301)] },
      'entries[0].target: 300 ≠ 301',
    ],
    [
      'the status of an estimated indicator whose value is the same',
      { entries: [{ ...line('ACTIVE_VOLUNTEERS', 240, 0.8), status: 'AT_RISK' }] },
      { entries: [line('ACTIVE_VOLUNTEERS', 240, 0.8)] },
      'entries[0].status: "AT_RISK" ≠ "ON_TRACK"',
    ],
  ])('keeps exact equality for %s', (_, expected, actual, difference) => {
    expect(compareAnswers(expected, actual, estimates)).toEqual({
      state: 'differs',
      at: difference,
    });
  });

  it('names every indicator the observatory computes from a distinct count, and no other', () => {
    const figures: ScopeFigures = {
      registeredVolunteers: 5000,
      activeVolunteers: 400,
      verifiedHours: 12_000,
      beneficiaries: 3000,
      programsRun: 40,
      retainedVolunteers: 300,
      activeTeamLeads: 30,
    };
    const period = parsePeriod('2026');
    const today = new Date('2026-12-31T00:00:00Z');
    const base = indicatorValues(figures, 1_000_000, period, today);
    const moved = new Set<string>();
    for (const count of ESTIMATED_COUNTS) {
      const changed = indicatorValues(
        { ...figures, [count]: figures[count as keyof ScopeFigures]! + 7 },
        1_000_000,
        period,
        today,
      );
      for (const [code, measured] of Object.entries(changed)) {
        if (measured.value !== base[code]!.value) moved.add(code);
      }
    }
    expect([...moved].sort()).toEqual([...ESTIMATED_INDICATORS.keys()].sort());
  });
});
