import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '@sahem/kit';
import { scoreEntry, type Accrual } from '../src/scorecard.ts';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { agencyPeriod, floor4, someTargets } from './fixtures.ts';

// Defect 3 of issue 11: attainment was computed from the value and the expectation rounded
// to two decimals, up to 2 % off: enough to flip a status at the 80 % and 100 % lines.
const subgraph = useIndicatorsSubgraph();

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

beforeAll(() =>
  someTargets(subgraph, [
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026',
      value: 1_000,
    },
    {
      indicatorCode: 'RETENTION_RATE',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026-06',
      value: 71.43,
    },
    {
      indicatorCode: 'AVG_WEEKLY_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026-06',
      value: 0.5,
    },
  ]),
);

async function entry(representation: Record<string, unknown>, code: string) {
  const [entity] = await succeed(subgraph, ENTRIES, { representations: [representation] });
  return entity.scorecard.entries.find(
    (line: { indicator: { code: string } }) => line.indicator.code === code,
  );
}

describe('a status near a threshold', () => {
  it('is AT_RISK when the hours fall short of the unrounded expectation, though both show 495.89', async () => {
    // 1,000 hours a year expect 1,000 × 181/365 = 495.8904… by June 30.
    const line = await entry(agencyPeriod({ verifiedHours: 495.89 }), 'VERIFIED_HOURS');

    expect(line).toEqual({
      indicator: { code: 'VERIFIED_HOURS' },
      value: 495.89,
      target: 1_000,
      expectedToDate: 495.89,
      attainment: floor4(495.89 / ((1_000 * 181) / 365)),
      status: 'AT_RISK',
    });
    expect(line.attainment).toBe(0.9999);
  });

  const june = agencyPeriod({
    period: '2026-06',
    activeVolunteers: 7,
    verifiedHours: 11.88,
    verifiedHoursBySkill: [{ skillCode: '5411', hours: 11.88 }],
    retainedVolunteers: 5,
    activeTeamLeads: 1,
  });

  it('is AT_RISK for a retention of 5/7 = 71.4286 % against 71.43 %, though it shows 71.43', async () => {
    expect(await entry(june, 'RETENTION_RATE')).toEqual({
      indicator: { code: 'RETENTION_RATE' },
      value: 71.43,
      target: 71.43,
      expectedToDate: 71.43,
      attainment: floor4(500 / 7 / 71.43),
      status: 'AT_RISK',
    });
  });

  it('is OFF_TRACK for 0.396 hours a week against 0.5 (79.2 %), though 0.396 shows as 0.4', async () => {
    // 11.88 hours by 7 volunteers over June's 30 days (30/7 weeks) = 0.396 hours a week.
    expect(await entry(june, 'AVG_WEEKLY_HOURS')).toEqual({
      indicator: { code: 'AVG_WEEKLY_HOURS' },
      value: 0.4,
      target: 0.5,
      expectedToDate: 0.5,
      attainment: 0.792,
      status: 'OFF_TRACK',
    });
  });
});

describe('scoring one indicator', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  type Row = [
    label: string,
    value: number,
    target: number,
    accrual: Accrual,
    period: string,
    today: string,
    shown: {
      value: number;
      target: number;
      expectedToDate: number;
      attainment: number;
      status: string;
    },
  ];

  it.each<Row>([
    [
      'hours just under a pro-rated expectation',
      495.89,
      1_000,
      'CUMULATIVE',
      '2026',
      '2026-06-30',
      {
        value: 495.89,
        target: 1_000,
        expectedToDate: 495.89,
        attainment: 0.9999,
        status: 'AT_RISK',
      },
    ],
    [
      'hours just over it',
      495.9,
      1_000,
      'CUMULATIVE',
      '2026',
      '2026-06-30',
      { value: 495.9, target: 1_000, expectedToDate: 495.89, attainment: 1, status: 'ON_TRACK' },
    ],
    [
      'a third that rounds up to the target',
      200 / 3,
      66.67,
      'LEVEL',
      '2026-06',
      '2026-06-30',
      { value: 66.67, target: 66.67, expectedToDate: 66.67, attainment: 0.9999, status: 'AT_RISK' },
    ],
    [
      'a rate that rounds up to 80 % of the target',
      0.396,
      0.5,
      'LEVEL',
      '2026-06',
      '2026-06-30',
      { value: 0.4, target: 0.5, expectedToDate: 0.5, attainment: 0.792, status: 'OFF_TRACK' },
    ],
    [
      'exactly 80 % after a pro-rating that is not exact in binary',
      (730 * 181 * 0.8) / 365,
      730,
      'CUMULATIVE',
      '2026',
      '2026-06-30',
      { value: 289.6, target: 730, expectedToDate: 362, attainment: 0.8, status: 'AT_RISK' },
    ],
    [
      'exactly the target after the same pro-rating',
      362,
      730,
      'CUMULATIVE',
      '2026',
      '2026-06-30',
      { value: 362, target: 730, expectedToDate: 362, attainment: 1, status: 'ON_TRACK' },
    ],
    [
      'a derived quarter target is shown to the hundredth, judged unrounded',
      246.58,
      (1_000 * 90) / 365,
      'CUMULATIVE',
      '2026-Q1',
      '2026-06-30',
      { value: 246.58, target: 246.58, expectedToDate: 246.58, attainment: 1, status: 'ON_TRACK' },
    ],
  ])('%s', (_, value, target, accrual, period, today, shown) => {
    const line = scoreEntry({
      measured: { value, noValueBecause: null },
      target,
      accrual,
      direction: 'HIGHER_IS_BETTER',
      period: parsePeriod(period),
      today: day(today),
    });

    expect(line).toMatchObject({ ...shown, noValueBecause: null, noStatusBecause: null });
  });
});
