import { describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import {
  compareAnswers,
  ESTIMATE_RELATIVE_TOLERANCE,
  ESTIMATED_COUNTS,
  ESTIMATED_INDICATORS,
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

  it('is 2.5 %: three standard errors of a precision-14 sketch, rounded up', () => {
    expect(ESTIMATE_RELATIVE_TOLERANCE).toBe(0.025);
  });

  it('reports equal answers as equal', () => {
    const answer = {
      nationalPeriod: { activeVolunteers: 243, scorecard: [line('RETENTION_RATE', 41.2, 0.8)] },
    };
    expect(compareAnswers(answer, structuredClone(answer), estimates)).toEqual({ state: 'equal' });
  });

  it('reports estimates within the tolerance as approximate, with the largest deviation', () => {
    const expected = [
      { nationalPeriod: { activeVolunteers: 243, retainedVolunteers: 1000, verifiedHours: 512.5 } },
      {
        nationalPeriod: {
          activeTeamLeads: 4,
          scorecard: { entries: [line('TEAM_LEAD_RATIO', 40, 0.5)] },
        },
      },
    ];
    const actual = [
      { nationalPeriod: { activeVolunteers: 242, retainedVolunteers: 1024, verifiedHours: 512.5 } },
      // One off on a count of 4 is 25 %, allowed: an integer estimate may round either way.
      {
        nationalPeriod: {
          activeTeamLeads: 5,
          scorecard: { entries: [line('TEAM_LEAD_RATIO', 40.5, 0.5063)] },
        },
      },
    ];
    const comparison = compareAnswers(expected, actual, estimates);
    expect(comparison).toEqual({
      state: 'approximate',
      maxDeviation: 0.25,
      at: '[1].nationalPeriod.activeTeamLeads: 4 ≠ 5',
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
      'a derived value beyond 2.5 %',
      { entries: [line('RETENTION_RATE', 40, 0.5)] },
      { entries: [line('RETENTION_RATE', 41.1, 0.5)] },
      'entries[0].value: 40 ≠ 41.1',
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
      'a status, even of an estimated indicator',
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
    expect([...moved].sort()).toEqual([...ESTIMATED_INDICATORS].sort());
  });
});
