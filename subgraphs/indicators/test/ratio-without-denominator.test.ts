import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import { indicatorValues, type ScopeFigures } from '../src/scorecard.ts';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { agencyPeriod, someTargets } from './fixtures.ts';

// Defect 1 of issue 11: retention, team-lead ratio and average weekly hours of a scope with
// no active volunteer came back as 0 and OFF_TRACK. A ratio without a denominator has no value.
const subgraph = useIndicatorsSubgraph();

const RATIO_TARGETS: Record<string, number> = {
  AVG_WEEKLY_HOURS: 1,
  RETENTION_RATE: 40,
  TEAM_LEAD_RATIO: 10,
};

const ENTRIES = /* GraphQL */ `
  query Entries($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        scorecard {
          entries {
            indicator {
              code
            }
            value
            target
            expectedToDate
            attainment
            status
          }
        }
      }
    }
  }
`;

const REASONS = /* GraphQL */ `
  query Reasons($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        scorecard {
          entries {
            indicator {
              code
            }
            value
            noValueBecause
            status
            noStatusBecause
          }
        }
      }
    }
  }
`;

/** June 2026, over by the pinned today (2026-06-30), in which nobody logged a verified hour. */
const nobodyActive = agencyPeriod({
  period: '2026-06',
  activeVolunteers: 0,
  verifiedHours: 0,
  verifiedHoursBySkill: [],
  retainedVolunteers: 0,
  activeTeamLeads: 0,
});

const ratiosOf = (entries: { indicator: { code: string } }[]) =>
  entries.filter((entry) => entry.indicator.code in RATIO_TARGETS);

beforeAll(() =>
  someTargets(
    subgraph,
    Object.entries(RATIO_TARGETS).map(([indicatorCode, value]) => ({
      indicatorCode,
      scope: 'AGENCY' as const,
      scopeCode: 'SCD',
      period: '2026',
      value,
    })),
  ),
);

describe('a ratio over active volunteers when nobody was active', () => {
  it('has no value, no attainment and no status, though its target still applies', async () => {
    const [entity] = await succeed(subgraph, ENTRIES, { representations: [nobodyActive] });

    expect(ratiosOf(entity.scorecard.entries)).toEqual(
      Object.entries(RATIO_TARGETS).map(([code, target]) => ({
        indicator: { code },
        value: null,
        target,
        expectedToDate: target,
        attainment: null,
        status: null,
      })),
    );
  });

  it('says why: no active volunteers', async () => {
    const [entity] = await succeed(subgraph, REASONS, { representations: [nobodyActive] });

    expect(ratiosOf(entity.scorecard.entries)).toEqual(
      Object.keys(RATIO_TARGETS).map((code) => ({
        indicator: { code },
        value: null,
        noValueBecause: 'NO_ACTIVE_VOLUNTEERS',
        status: null,
        noStatusBecause: 'NO_ACTIVE_VOLUNTEERS',
      })),
    );
  });

  it('leaves the sums of the same scorecard alone: 0 hours is a value, judged OFF_TRACK', async () => {
    await someTargets(subgraph, [
      {
        indicatorCode: 'VERIFIED_HOURS',
        scope: 'AGENCY',
        scopeCode: 'SCD',
        period: '2026-06',
        value: 50,
      },
    ]);

    const [entity] = await succeed(subgraph, ENTRIES, { representations: [nobodyActive] });

    expect(
      entity.scorecard.entries.find(
        (entry: { indicator: { code: string } }) => entry.indicator.code === 'VERIFIED_HOURS',
      ),
    ).toEqual({
      indicator: { code: 'VERIFIED_HOURS' },
      value: 0,
      target: 50,
      expectedToDate: 50,
      attainment: 0,
      status: 'OFF_TRACK',
    });
  });
});

describe('the ratios of a scope, by its active volunteers', () => {
  const figures = (
    active: number,
    retained: number,
    leads: number,
    hours: number,
  ): ScopeFigures => ({
    activeVolunteers: active,
    verifiedHours: hours,
    beneficiaries: 0,
    programsRun: 0,
    retainedVolunteers: retained,
    activeTeamLeads: leads,
  });
  const none = { value: null, noValueBecause: 'NO_ACTIVE_VOLUNTEERS' };
  const some = (value: number) => ({ value, noValueBecause: null });

  it.each<[string, ScopeFigures, Record<string, unknown>]>([
    [
      'nobody active: no ratio at all',
      figures(0, 0, 0, 0),
      { AVG_WEEKLY_HOURS: none, RETENTION_RATE: none, TEAM_LEAD_RATIO: none },
    ],
    [
      'nobody active, hours reported anyway (inconsistent figures): still no ratio',
      figures(0, 0, 0, 12),
      { AVG_WEEKLY_HOURS: none, RETENTION_RATE: none, TEAM_LEAD_RATIO: none },
    ],
    [
      'one volunteer, neither retained nor a lead: real zeros',
      figures(1, 0, 0, 0),
      { AVG_WEEKLY_HOURS: some(0), RETENTION_RATE: some(0), TEAM_LEAD_RATIO: some(0) },
    ],
    [
      'three volunteers, two retained, one lead, 60 hours in 30 days',
      figures(3, 2, 1, 60),
      {
        AVG_WEEKLY_HOURS: some(60 / 3 / (30 / 7)),
        RETENTION_RATE: some((100 * 2) / 3),
        TEAM_LEAD_RATIO: some(100 / 3),
      },
    ],
  ])('%s', (_, scope, expected) => {
    const values = indicatorValues(
      scope,
      0,
      parsePeriod('2026-06'),
      new Date('2026-06-30T00:00:00Z'),
    );

    for (const [code, measured] of Object.entries(expected)) {
      const { value, noValueBecause } = measured as {
        value: number | null;
        noValueBecause: string | null;
      };
      expect(values[code]?.noValueBecause).toBe(noValueBecause);
      if (value === null) expect(values[code]?.value).toBeNull();
      else expect(values[code]?.value).toBeCloseTo(value, 12);
    }
  });
});
