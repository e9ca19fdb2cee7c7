import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import { scoreEntry, targetFor, type Accrual } from '../src/scorecard.ts';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { agencyPeriod, floor4, regionPeriod, someTargets } from './fixtures.ts';

// Defect 6 of issue 11: the target of a distinct count (active volunteers, programs run) was
// pro-rated by days like a sum, so a month's active-volunteer target was a twelfth of the
// year's and months read 4× attainment. People active in March are mostly active in April
// too: a month's distinct count is not a share of the year's.
const subgraph = useIndicatorsSubgraph();

const ENTRIES = /* GraphQL */ `
  query Entries($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        scorecard {
          entries {
            indicator {
              code
              accrual
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
          entries {
            indicator {
              code
              accrual
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
            status
            noStatusBecause
          }
        }
      }
    }
  }
`;

const agency = (indicatorCode: string, period: string, value: number) => ({
  indicatorCode,
  scope: 'AGENCY' as const,
  scopeCode: 'SCD',
  period,
  value,
});

beforeAll(() =>
  someTargets(subgraph, [
    agency('ACTIVE_VOLUNTEERS', '2025', 120),
    agency('ACTIVE_VOLUNTEERS', '2026', 120),
    agency('ACTIVE_VOLUNTEERS', '2026-05', 50),
    agency('PROGRAMS_RUN', '2026', 10),
    agency('VERIFIED_HOURS', '2026', 730),
    {
      indicatorCode: 'REGISTERED_VOLUNTEERS',
      scope: 'REGION',
      scopeCode: 'SA-01',
      period: '2026',
      value: 6_000,
    },
  ]),
);

async function entriesOf(representation: Record<string, unknown>) {
  const [entity] = await succeed(subgraph, ENTRIES, { representations: [representation] });
  return Object.fromEntries(
    entity.scorecard.entries.map((line: { indicator: { code: string } }) => [
      line.indicator.code,
      line,
    ]),
  );
}

describe('the catalogue', () => {
  it('counts active volunteers, programs run and registered volunteers as distinct counts', async () => {
    const entries = await entriesOf(agencyPeriod());

    expect(
      Object.values(entries)
        .filter((line: any) => line.indicator.accrual === 'DISTINCT_COUNT')
        .map((line: any) => line.indicator.code),
    ).toEqual(['ACTIVE_VOLUNTEERS', 'REGISTERED_VOLUNTEERS', 'PROGRAMS_RUN']);
  });
});

describe("a month's active volunteers against a yearly target of 120", () => {
  it('have no target of their own unless one is set for the month: nothing to judge', async () => {
    const april = await entriesOf(
      agencyPeriod({ period: '2026-04', activeVolunteers: 40, programsRun: 8 }),
    );

    expect(april.ACTIVE_VOLUNTEERS).toMatchObject({
      value: 40,
      target: null,
      expectedToDate: null,
      attainment: null,
      status: null,
    });
    expect(april.PROGRAMS_RUN).toMatchObject({ value: 8, target: null, status: null });
    // A sum in the same month still takes its share of the year.
    expect(april.VERIFIED_HOURS).toMatchObject({ target: 60 });
  });

  it('are judged against a target set for the month', async () => {
    const may = await entriesOf(agencyPeriod({ period: '2026-05', activeVolunteers: 40 }));

    expect(may.ACTIVE_VOLUNTEERS).toMatchObject({
      value: 40,
      target: 50,
      expectedToDate: 50,
      attainment: 0.8,
      status: 'AT_RISK',
    });
  });

  it('say there is no target', async () => {
    const [entity] = await succeed(subgraph, REASONS, {
      representations: [agencyPeriod({ period: '2026-04', activeVolunteers: 40 })],
    });

    expect(
      entity.scorecard.entries.find((line: any) => line.indicator.code === 'ACTIVE_VOLUNTEERS'),
    ).toEqual({
      indicator: { code: 'ACTIVE_VOLUNTEERS' },
      status: null,
      noStatusBecause: 'NO_TARGET',
    });
  });
});

describe('active volunteers of the running year 2026 (181 of 365 days by June 30)', () => {
  it('are compared with the whole target, not with 181/365 of it, and judged when the year ends', async () => {
    const year = await entriesOf(agencyPeriod({ activeVolunteers: 100 }));

    expect(year.ACTIVE_VOLUNTEERS).toMatchObject({
      value: 100,
      target: 120,
      expectedToDate: 120,
      attainment: floor4(100 / 120),
      status: null,
    });
  });

  it('are ON_TRACK as soon as they reach it: a distinct count never falls', async () => {
    const year = await entriesOf(agencyPeriod({ activeVolunteers: 130 }));

    expect(year.ACTIVE_VOLUNTEERS).toMatchObject({
      expectedToDate: 120,
      attainment: floor4(130 / 120),
      status: 'ON_TRACK',
    });
  });

  it('say why they are not judged yet', async () => {
    const [entity] = await succeed(subgraph, REASONS, {
      representations: [agencyPeriod({ activeVolunteers: 100 })],
    });

    expect(
      entity.scorecard.entries.find((line: any) => line.indicator.code === 'ACTIVE_VOLUNTEERS'),
    ).toEqual({
      indicator: { code: 'ACTIVE_VOLUNTEERS' },
      status: null,
      noStatusBecause: 'PERIOD_RUNNING',
    });
  });

  it('of the finished year 2025 are judged', async () => {
    const year = await entriesOf(agencyPeriod({ period: '2025', activeVolunteers: 100 }));

    expect(year.ACTIVE_VOLUNTEERS).toMatchObject({
      attainment: floor4(100 / 120),
      status: 'AT_RISK',
    });
  });

  it("apply to a region's registered volunteers as well: 5,000 of 6,000 is not judged before the year ends", async () => {
    const riyadh = await entriesOf(regionPeriod({ registeredVolunteers: 5_000 }));

    expect(riyadh.REGISTERED_VOLUNTEERS).toMatchObject({
      value: 5_000,
      target: 6_000,
      expectedToDate: 6_000,
      status: null,
    });
  });
});

describe('the rules behind it', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const yearDays = 365;

  it.each<[string, Accrual, number | undefined, number | undefined, number | null]>([
    ['2026', 'DISTINCT_COUNT', 120, 120, 120],
    ['2026-05', 'DISTINCT_COUNT', 50, 120, 50],
    ['2026-04', 'DISTINCT_COUNT', undefined, 120, null],
    ['2026-Q2', 'DISTINCT_COUNT', undefined, 120, null],
    ['2026-04', 'CUMULATIVE', undefined, 730, 60],
    ['2026-04', 'LEVEL', undefined, 40, 40],
  ])(
    '%s (%s) with a target of its own %s and a yearly one of %s: %s',
    (period, accrual, exact, yearly, expected) => {
      const target = targetFor(parsePeriod(period), accrual, exact, yearly, yearDays);
      if (expected === null) expect(target).toBeNull();
      else expect(target).toBeCloseTo(expected, 9);
    },
  );

  it.each<[string, number, number, string, string, string | null, string | null]>([
    ['running, below the target', 100, 120, '2026', '2026-06-30', null, 'PERIOD_RUNNING'],
    ['running, at the target', 120, 120, '2026', '2026-06-30', 'ON_TRACK', null],
    ['running, above the target', 130, 120, '2026', '2026-06-30', 'ON_TRACK', null],
    [
      'its last day, below the target: over by the end of the day',
      100,
      120,
      '2026',
      '2026-12-31',
      'AT_RISK',
      null,
    ],
    ['over, far below', 60, 120, '2025', '2026-06-30', 'OFF_TRACK', null],
    ['a finished month against its own target', 40, 50, '2026-05', '2026-06-30', 'AT_RISK', null],
  ])(
    'a distinct count %s: %d of %d in %s on %s is %s',
    (_, value, target, period, today, status, reason) => {
      const line = scoreEntry({
        measured: { value, noValueBecause: null },
        target,
        accrual: 'DISTINCT_COUNT',
        direction: 'HIGHER_IS_BETTER',
        period: parsePeriod(period),
        today: day(today),
      });

      expect(line).toMatchObject({
        expectedToDate: target,
        attainment: floor4(value / target),
        status,
        noStatusBecause: reason,
      });
    },
  );
});
