import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import { expectedToDate, indicatorValues, type Accrual } from '../src/scorecard.ts';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { agencyPeriod, regionPeriod, someTargets } from './fixtures.ts';

// Defect 2 of issue 11: a period that had not started read ON_TRACK for every indicator at
// value 0, LEVEL indicators (whose expectation is the target itself) included. Nothing has
// been measured in such a period, so nothing is judged.
const subgraph = useIndicatorsSubgraph();

const ENTRIES = /* GraphQL */ `
  query Entries($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        scorecard {
          period
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
      ... on RegionPeriod {
        scorecard {
          period
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
            noValueBecause
            noStatusBecause
          }
        }
      }
    }
  }
`;

/** What the programs subgraph reports of a period with no day elapsed: nothing yet. */
const nothingYet = {
  activeVolunteers: 0,
  verifiedHours: 0,
  verifiedHoursBySkill: [],
  beneficiaries: 0,
  programsRun: 0,
  retainedVolunteers: 0,
  activeTeamLeads: 0,
};

type Entry = { indicator: { code: string }; target: number | null };

beforeAll(() =>
  someTargets(subgraph, [
    // 2027 has targets of its own; July 2026 derives its hours target from 2026's.
    ...(
      [
        ['VERIFIED_HOURS', 1_000],
        ['AVG_WEEKLY_HOURS', 1],
        ['RETENTION_RATE', 40],
        ['ECONOMIC_VALUE', 20_000],
      ] as const
    ).map(([indicatorCode, value]) => ({
      indicatorCode,
      scope: 'AGENCY' as const,
      scopeCode: 'SCD',
      period: '2027',
      value,
    })),
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026',
      value: 730,
    },
    {
      indicatorCode: 'AVG_WEEKLY_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026',
      value: 1,
    },
    {
      indicatorCode: 'REGISTERED_VOLUNTEERS',
      scope: 'REGION',
      scopeCode: 'SA-01',
      period: '2027',
      value: 6_000,
    },
  ]),
);

describe('a period that has not started (today is 2026-06-30)', () => {
  it.each([
    ['next year', agencyPeriod({ period: '2027', ...nothingYet })],
    ['next month, starting tomorrow', agencyPeriod({ period: '2026-07', ...nothingYet })],
    ['next quarter', agencyPeriod({ period: '2026-Q3', ...nothingYet })],
    [
      'next year of a region, whose registered volunteers are already known',
      regionPeriod({ period: '2027', ...nothingYet, registeredVolunteers: 5_000 }),
    ],
  ])(
    '%s: no value, nothing expected, no status; targets still shown',
    async (_, representation) => {
      const [entity] = await succeed(subgraph, ENTRIES, { representations: [representation] });

      for (const entry of entity.scorecard.entries as Entry[]) {
        expect(entry).toMatchObject({
          value: null,
          expectedToDate: null,
          attainment: null,
          status: null,
        });
      }
      const targets = Object.fromEntries(
        (entity.scorecard.entries as Entry[]).map((entry) => [entry.indicator.code, entry.target]),
      );
      if (representation.period === '2027') {
        expect(targets).toMatchObject(
          representation.__typename === 'AgencyPeriod'
            ? {
                VERIFIED_HOURS: 1_000,
                AVG_WEEKLY_HOURS: 1,
                RETENTION_RATE: 40,
                ECONOMIC_VALUE: 20_000,
              }
            : { REGISTERED_VOLUNTEERS: 6_000 },
        );
      }
      if (representation.period === '2026-07') {
        expect(targets).toMatchObject({
          VERIFIED_HOURS: Math.round((730 * 31 * 100) / 365) / 100,
          AVG_WEEKLY_HOURS: 1,
        });
      }
    },
  );

  it('says why: the period has not started (an agency has no registered volunteers at all)', async () => {
    const [entity] = await succeed(subgraph, REASONS, {
      representations: [agencyPeriod({ period: '2027', ...nothingYet })],
    });

    expect(entity.scorecard.entries).toEqual(
      (entity.scorecard.entries as Entry[]).map(({ indicator }) => {
        const reason =
          indicator.code === 'REGISTERED_VOLUNTEERS'
            ? 'NOT_DEFINED_FOR_SCOPE'
            : 'PERIOD_NOT_STARTED';
        return { indicator, noValueBecause: reason, noStatusBecause: reason };
      }),
    );
  });
});

describe('the rules behind it', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it.each<[number, Accrual, string, string, number | null]>([
    [1_000, 'CUMULATIVE', '2027', '2026-06-30', null],
    [50, 'LEVEL', '2027', '2026-06-30', null],
    [120, 'DISTINCT_COUNT', '2027', '2026-06-30', null],
    [310, 'CUMULATIVE', '2026-07', '2026-06-30', null],
    [310, 'CUMULATIVE', '2026-07', '2026-07-01', 10],
    [50, 'LEVEL', '2026-07', '2026-07-01', 50],
    [120, 'DISTINCT_COUNT', '2026-07', '2026-07-01', 120],
  ])(
    'a target of %d (%s) for %s expects %s by the end of %s',
    (target, accrual, period, today, expected) => {
      expect(expectedToDate(target, accrual, parsePeriod(period), day(today))).toBe(expected);
    },
  );

  it.each([
    ['2027', '2026-06-30', 'PERIOD_NOT_STARTED'],
    ['2026-07', '2026-06-30', 'PERIOD_NOT_STARTED'],
    ['2026-07', '2026-07-01', null],
    ['2026', '2026-06-30', null],
  ])('every indicator of %s on %s has no value because %s', (period, today, reason) => {
    const values = indicatorValues(
      { registeredVolunteers: 5_000, ...nothingYet },
      0,
      parsePeriod(period),
      day(today),
    );

    const reasons = Object.values(values).map((measured) => measured.noValueBecause);
    if (reason) expect(new Set(reasons)).toEqual(new Set([reason]));
    else expect(reasons).not.toContain('PERIOD_NOT_STARTED');
  });
});
