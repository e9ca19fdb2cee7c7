import { beforeAll, describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import {
  agencyPeriod,
  ELAPSED_OF_2026,
  nationalPeriod,
  ratesOf,
  regionPeriod,
  replacementCost,
  round2,
  floor4,
  SCORECARDS,
  someTargets,
  type Rates,
  type SkillHours,
} from './fixtures.ts';

const subgraph = useIndicatorsSubgraph();

const CATALOGUE_ORDER = [
  'ACTIVE_VOLUNTEERS',
  'REGISTERED_VOLUNTEERS',
  'VERIFIED_HOURS',
  'AVG_WEEKLY_HOURS',
  'BENEFICIARIES',
  'PROGRAMS_RUN',
  'RETENTION_RATE',
  'TEAM_LEAD_RATIO',
  'ECONOMIC_VALUE',
];

type Status = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK';
type Reason =
  | 'NOT_DEFINED_FOR_SCOPE'
  | 'PERIOD_NOT_STARTED'
  | 'NO_ACTIVE_VOLUNTEERS'
  | 'NO_VALUATION_TABLE'
  | 'NO_TARGET'
  | 'PERIOD_RUNNING';
/**
 * An indicator's line, unrounded: its value (or why it has none), target and expected-to-date,
 * and the status they give (or why there is none).
 */
type Line = [
  code: string,
  value: number | Reason,
  target: number | null,
  expected: number | null,
  status: Status | Reason,
];

const STATUSES: readonly string[] = ['ON_TRACK', 'AT_RISK', 'OFF_TRACK'];
const shown = (figure: number | null) => (figure === null ? null : round2(figure));

/**
 * The entries a scorecard should show: judged on the unrounded figures of each line, rounded
 * for display (attainment down to four decimals).
 */
const entries = (lines: Line[]) =>
  lines.map(([code, value, target, expectedToDate, status]) => ({
    indicator: { code },
    value: typeof value === 'number' ? round2(value) : null,
    noValueBecause: typeof value === 'number' ? null : value,
    target: shown(target),
    expectedToDate: shown(expectedToDate),
    attainment: typeof value === 'number' && expectedToDate ? floor4(value / expectedToDate) : null,
    status: STATUSES.includes(status) ? status : null,
    noStatusBecause: STATUSES.includes(status) ? null : status,
  }));

const percent = (part: number, whole: number) => (100 * part) / whole;
/** Days elapsed of a period by the pinned today (2026-06-30) over the weeks they make. */
const weeklyHours = (hours: number, volunteers: number, daysElapsed: number) =>
  hours / volunteers / (daysElapsed / 7);

async function scorecardOf(representation: Record<string, unknown>) {
  const [entity] = await succeed(subgraph, SCORECARDS, { representations: [representation] });
  return entity.scorecard;
}

let rates: Rates;
/** The unrounded replacement cost of a representation's hours, which indicators are judged on. */
const sarOf = (representation: { verifiedHoursBySkill: unknown }) =>
  (representation.verifiedHoursBySkill as SkillHours[]).reduce(
    (total, { skillCode, hours }) =>
      total + hours * (rates.byGroup.get(skillCode[0]!) ?? rates.defaultRate),
    0,
  );
// The displayed economic value is the same sum rounded once.
it('values hours as the fixtures do', () => {
  const hours = agencyPeriod().verifiedHoursBySkill;
  expect(replacementCost(hours, rates).sar).toBe(round2(sarOf({ verifiedHoursBySkill: hours })));
});

beforeAll(async () => {
  rates = await ratesOf(subgraph, '2025.1');
  const agency = (indicatorCode: string, period: string, value: number, scopeCode = 'SCD') => ({
    indicatorCode,
    scope: 'AGENCY' as const,
    scopeCode,
    period,
    value,
  });
  await someTargets(subgraph, [
    agency('ACTIVE_VOLUNTEERS', '2026', 20),
    agency('VERIFIED_HOURS', '2026', 730),
    agency('AVG_WEEKLY_HOURS', '2026', 1),
    agency('BENEFICIARIES', '2026', 730),
    agency('RETENTION_RATE', '2026', 50),
    agency('TEAM_LEAD_RATIO', '2026', 10),
    agency('ECONOMIC_VALUE', '2026', 10_950),
    agency('BENEFICIARIES', '2026-Q2', 100),
    agency('RETENTION_RATE', '2026-Q2', 45),
    agency('VERIFIED_HOURS', '2027', 1_000),
    agency('VERIFIED_HOURS', '2026', 99_999, 'MOH-OTHER'),
    {
      indicatorCode: 'REGISTERED_VOLUNTEERS',
      scope: 'REGION',
      scopeCode: 'SA-01',
      period: '2026',
      value: 6_000,
    },
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'REGION',
      scopeCode: 'SA-01',
      period: '2026',
      value: 18_250,
    },
    { indicatorCode: 'VERIFIED_HOURS', scope: 'NATIONAL', period: '2026', value: 365_000 },
    { indicatorCode: 'REGISTERED_VOLUNTEERS', scope: 'NATIONAL', period: '2026', value: 100_000 },
    { indicatorCode: 'ECONOMIC_VALUE', scope: 'NATIONAL', period: '2026', value: 18_250_000 },
  ]);
});

describe('an agency scorecard', () => {
  it('for the running year pro-rates CUMULATIVE targets to 181 of 365 days, keeps LEVEL ones, and judges distinct counts when it ends', async () => {
    const scd = agencyPeriod();
    const sar = sarOf(scd);
    const toDate = (target: number) => target * ELAPSED_OF_2026;

    const scorecard = await scorecardOf(scd);

    expect(scorecard).toEqual({
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026',
      entries: entries([
        // A distinct count: 10 of the year's 20, which it may still reach.
        ['ACTIVE_VOLUNTEERS', scd.activeVolunteers, 20, 20, 'PERIOD_RUNNING'],
        ['REGISTERED_VOLUNTEERS', 'NOT_DEFINED_FOR_SCOPE', null, null, 'NOT_DEFINED_FOR_SCOPE'],
        ['VERIFIED_HOURS', scd.verifiedHours, 730, toDate(730), 'OFF_TRACK'],
        [
          'AVG_WEEKLY_HOURS',
          weeklyHours(scd.verifiedHours, scd.activeVolunteers, 181),
          1,
          1,
          'OFF_TRACK',
        ],
        ['BENEFICIARIES', scd.beneficiaries, 730, toDate(730), 'AT_RISK'],
        ['PROGRAMS_RUN', scd.programsRun, null, null, 'NO_TARGET'],
        [
          'RETENTION_RATE',
          percent(scd.retainedVolunteers, scd.activeVolunteers),
          50,
          50,
          'AT_RISK',
        ],
        ['TEAM_LEAD_RATIO', percent(scd.activeTeamLeads, scd.activeVolunteers), 10, 10, 'ON_TRACK'],
        ['ECONOMIC_VALUE', sar, 10_950, toDate(10_950), 'ON_TRACK'],
      ]),
    });
  });

  it('for a finished quarter takes 91/365 of a sum of the year where the quarter has no target of its own', async () => {
    const scd = agencyPeriod({
      period: '2026-Q2',
      activeVolunteers: 8,
      verifiedHours: 150,
      verifiedHoursBySkill: [{ skillCode: '5411', hours: 150 }],
      beneficiaries: 90,
      programsRun: 1,
      retainedVolunteers: 3,
      activeTeamLeads: 1,
    });
    const quarterOf = (yearly: number) => (yearly * 91) / 365;

    const scorecard = await scorecardOf(scd);

    expect(scorecard).toEqual({
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026-Q2',
      entries: entries([
        // The year's 20 distinct volunteers say nothing of a quarter's.
        ['ACTIVE_VOLUNTEERS', 8, null, null, 'NO_TARGET'],
        ['REGISTERED_VOLUNTEERS', 'NOT_DEFINED_FOR_SCOPE', null, null, 'NOT_DEFINED_FOR_SCOPE'],
        ['VERIFIED_HOURS', 150, quarterOf(730), quarterOf(730), 'AT_RISK'],
        ['AVG_WEEKLY_HOURS', weeklyHours(150, 8, 91), 1, 1, 'ON_TRACK'],
        ['BENEFICIARIES', 90, 100, 100, 'AT_RISK'],
        ['PROGRAMS_RUN', 1, null, null, 'NO_TARGET'],
        ['RETENTION_RATE', percent(3, 8), 45, 45, 'AT_RISK'],
        ['TEAM_LEAD_RATIO', percent(1, 8), 10, 10, 'ON_TRACK'],
        ['ECONOMIC_VALUE', sarOf(scd), quarterOf(10_950), quarterOf(10_950), 'ON_TRACK'],
      ]),
    });
  });

  it("for a month derives from the year's target, not from its quarter's", async () => {
    const scd = agencyPeriod({
      period: '2026-06',
      activeVolunteers: 5,
      verifiedHours: 50,
      verifiedHoursBySkill: [{ skillCode: '2221', hours: 50 }],
      beneficiaries: 20,
      programsRun: 1,
      retainedVolunteers: 5,
      activeTeamLeads: 0,
    });
    const monthOf = (yearly: number) => (yearly * 30) / 365;

    const scorecard = await scorecardOf(scd);

    expect(scorecard.entries).toEqual(
      entries([
        ['ACTIVE_VOLUNTEERS', 5, null, null, 'NO_TARGET'],
        ['REGISTERED_VOLUNTEERS', 'NOT_DEFINED_FOR_SCOPE', null, null, 'NOT_DEFINED_FOR_SCOPE'],
        ['VERIFIED_HOURS', 50, monthOf(730), monthOf(730), 'AT_RISK'],
        ['AVG_WEEKLY_HOURS', weeklyHours(50, 5, 30), 1, 1, 'ON_TRACK'],
        ['BENEFICIARIES', 20, monthOf(730), monthOf(730), 'OFF_TRACK'],
        ['PROGRAMS_RUN', 1, null, null, 'NO_TARGET'],
        ['RETENTION_RATE', 100, 50, 50, 'ON_TRACK'],
        ['TEAM_LEAD_RATIO', 0, 10, 10, 'OFF_TRACK'],
        ['ECONOMIC_VALUE', sarOf(scd), monthOf(10_950), monthOf(10_950), 'ON_TRACK'],
      ]),
    );
  });

  it('for a year not yet begun has no value, expects nothing and judges nothing, targets shown', async () => {
    const scorecard = await scorecardOf(
      agencyPeriod({
        period: '2027',
        activeVolunteers: 0,
        verifiedHours: 0,
        verifiedHoursBySkill: [],
        beneficiaries: 0,
        programsRun: 0,
        retainedVolunteers: 0,
        activeTeamLeads: 0,
      }),
    );

    expect(scorecard.entries).toEqual(
      entries([
        ['ACTIVE_VOLUNTEERS', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
        ['REGISTERED_VOLUNTEERS', 'NOT_DEFINED_FOR_SCOPE', null, null, 'NOT_DEFINED_FOR_SCOPE'],
        ['VERIFIED_HOURS', 'PERIOD_NOT_STARTED', 1_000, null, 'PERIOD_NOT_STARTED'],
        ['AVG_WEEKLY_HOURS', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
        ['BENEFICIARIES', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
        ['PROGRAMS_RUN', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
        ['RETENTION_RATE', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
        ['TEAM_LEAD_RATIO', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
        ['ECONOMIC_VALUE', 'PERIOD_NOT_STARTED', null, null, 'PERIOD_NOT_STARTED'],
      ]),
    );
  });

  it("has no targets where none were set for that agency, whatever other scopes' targets are", async () => {
    const scorecard = await scorecardOf(agencyPeriod({ agencyCode: 'MOH' }));

    expect(scorecard.scopeCode).toBe('MOH');
    expect(scorecard.entries.map((e: any) => e.indicator.code)).toEqual(CATALOGUE_ORDER);
    for (const entry of scorecard.entries) {
      expect(entry).toMatchObject({
        target: null,
        expectedToDate: null,
        attainment: null,
        status: null,
        noStatusBecause:
          entry.indicator.code === 'REGISTERED_VOLUNTEERS' ? 'NOT_DEFINED_FOR_SCOPE' : 'NO_TARGET',
      });
    }
  });
});

describe('a region scorecard', () => {
  it("reports registered volunteers and uses the region's own targets", async () => {
    const riyadh = regionPeriod();
    const toDate = (target: number) => target * ELAPSED_OF_2026;

    const scorecard = await scorecardOf(riyadh);

    expect(scorecard).toEqual({
      scope: 'REGION',
      scopeCode: 'SA-01',
      period: '2026',
      entries: entries([
        ['ACTIVE_VOLUNTEERS', riyadh.activeVolunteers, null, null, 'NO_TARGET'],
        // A distinct count below its target in a running year: judged when the year ends.
        ['REGISTERED_VOLUNTEERS', riyadh.registeredVolunteers, 6_000, 6_000, 'PERIOD_RUNNING'],
        ['VERIFIED_HOURS', riyadh.verifiedHours, 18_250, toDate(18_250), 'AT_RISK'],
        [
          'AVG_WEEKLY_HOURS',
          weeklyHours(riyadh.verifiedHours, riyadh.activeVolunteers, 181),
          null,
          null,
          'NO_TARGET',
        ],
        ['BENEFICIARIES', riyadh.beneficiaries, null, null, 'NO_TARGET'],
        ['PROGRAMS_RUN', riyadh.programsRun, null, null, 'NO_TARGET'],
        [
          'RETENTION_RATE',
          percent(riyadh.retainedVolunteers, riyadh.activeVolunteers),
          null,
          null,
          'NO_TARGET',
        ],
        [
          'TEAM_LEAD_RATIO',
          percent(riyadh.activeTeamLeads, riyadh.activeVolunteers),
          null,
          null,
          'NO_TARGET',
        ],
        ['ECONOMIC_VALUE', sarOf(riyadh), null, null, 'NO_TARGET'],
      ]),
    });
  });
});

describe('the national scorecard', () => {
  it('has no scope code and uses the national targets', async () => {
    const nation = nationalPeriod();
    const toDate = (target: number) => target * ELAPSED_OF_2026;

    const scorecard = await scorecardOf(nation);

    expect(scorecard).toEqual({
      scope: 'NATIONAL',
      scopeCode: null,
      period: '2026',
      entries: entries([
        ['ACTIVE_VOLUNTEERS', nation.activeVolunteers, null, null, 'NO_TARGET'],
        ['REGISTERED_VOLUNTEERS', nation.registeredVolunteers, 100_000, 100_000, 'PERIOD_RUNNING'],
        ['VERIFIED_HOURS', nation.verifiedHours, 365_000, toDate(365_000), 'AT_RISK'],
        [
          'AVG_WEEKLY_HOURS',
          weeklyHours(nation.verifiedHours, nation.activeVolunteers, 181),
          null,
          null,
          'NO_TARGET',
        ],
        ['BENEFICIARIES', nation.beneficiaries, null, null, 'NO_TARGET'],
        ['PROGRAMS_RUN', nation.programsRun, null, null, 'NO_TARGET'],
        [
          'RETENTION_RATE',
          percent(nation.retainedVolunteers, nation.activeVolunteers),
          null,
          null,
          'NO_TARGET',
        ],
        [
          'TEAM_LEAD_RATIO',
          percent(nation.activeTeamLeads, nation.activeVolunteers),
          null,
          null,
          'NO_TARGET',
        ],
        ['ECONOMIC_VALUE', sarOf(nation), 18_250_000, toDate(18_250_000), 'ON_TRACK'],
      ]),
    });
  });
});

describe('a scorecard from an incomplete representation', () => {
  const withoutField = (representation: Record<string, unknown>, field: string) =>
    Object.fromEntries(Object.entries(representation).filter(([key]) => key !== field));

  it.each([
    'activeVolunteers',
    'verifiedHours',
    'verifiedHoursBySkill',
    'beneficiaries',
    'programsRun',
    'retainedVolunteers',
    'activeTeamLeads',
  ])('of an agency without %s is BAD_USER_INPUT naming it', async (field) => {
    const result = await subgraph.run(SCORECARDS, {
      representations: [withoutField(agencyPeriod(), field)],
    });

    const error = expectGraphQLError(result, 'BAD_USER_INPUT', field);
    expect(error.message).toContain(field);
  });

  it.each([
    ['a region', regionPeriod()],
    ['the nation', nationalPeriod()],
  ])(
    'of %s without registeredVolunteers is BAD_USER_INPUT naming it',
    async (_, representation) => {
      const result = await subgraph.run(SCORECARDS, {
        representations: [withoutField(representation, 'registeredVolunteers')],
      });

      expectGraphQLError(result, 'BAD_USER_INPUT', 'registeredVolunteers');
    },
  );

  it('of an agency whose figure is not a number is BAD_USER_INPUT naming it', async () => {
    const result = await subgraph.run(SCORECARDS, {
      representations: [agencyPeriod({ retainedVolunteers: '4' })],
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'retainedVolunteers');
  });
});
