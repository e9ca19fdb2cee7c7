import { beforeAll, describe, expect, it } from 'vitest';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { agencyPeriod, ratesOf, replacementCost, someTargets } from './fixtures.ts';
import { valueHours, type Valuation } from '../src/valuation.ts';

// Defect 4 of issue 11: a period before any valuation table (2019) was valued with table
// 2025.1, which took effect in 2025, without saying so; and an economic value carried no
// assumption flag of its own although every rate it rests on may be one.
const subgraph = useIndicatorsSubgraph();

const HOURS = [
  { skillCode: '5411', hours: 12.5 },
  { skillCode: '2221', hours: 4 },
];

const VALUE = /* GraphQL */ `
  query Value($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        economicValue {
          sar
          tableVersion
          method
          hoursValued
          bySkill {
            skillCode
            sar
          }
        }
        scorecard {
          entries {
            indicator {
              code
            }
            value
            target
            status
          }
        }
      }
    }
  }
`;

const PROVENANCE = /* GraphQL */ `
  query Provenance($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        economicValue {
          sar
          tableVersion
          isAssumption
          noValueBecause
          bySkill {
            skillCode
            defaultRate
            isAssumption
          }
        }
        scorecard {
          entries {
            indicator {
              code
            }
            value
            noValueBecause
          }
        }
      }
    }
  }
`;

beforeAll(() =>
  someTargets(subgraph, [
    {
      indicatorCode: 'ECONOMIC_VALUE',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2019',
      value: 1_000,
    },
  ]),
);

const economicEntry = (entity: any) =>
  entity.scorecard.entries.find((line: any) => line.indicator.code === 'ECONOMIC_VALUE');

describe('hours of a period before the first valuation table (2025.1, from 2025-01-01)', () => {
  it.each(['2019', '2024', '2024-12', '2024-Q4'])(
    'of %s have no value and name no table',
    async (period) => {
      const [entity] = await succeed(subgraph, VALUE, {
        representations: [agencyPeriod({ period, verifiedHoursBySkill: HOURS })],
      });

      expect(entity.economicValue).toEqual({
        sar: null,
        tableVersion: null,
        method: null,
        hoursValued: 0,
        bySkill: [],
      });
    },
  );

  it('leave the economic-value indicator without a value or a status', async () => {
    const [entity] = await succeed(subgraph, VALUE, {
      representations: [agencyPeriod({ period: '2019', verifiedHoursBySkill: HOURS })],
    });

    expect(economicEntry(entity)).toEqual({
      indicator: { code: 'ECONOMIC_VALUE' },
      value: null,
      target: 1_000,
      status: null,
    });
  });

  it('say why', async () => {
    const [entity] = await succeed(subgraph, PROVENANCE, {
      representations: [agencyPeriod({ period: '2019', verifiedHoursBySkill: HOURS })],
    });

    expect(entity.economicValue).toEqual({
      sar: null,
      tableVersion: null,
      isAssumption: null,
      noValueBecause: 'NO_VALUATION_TABLE',
      bySkill: [],
    });
    expect(economicEntry(entity)).toEqual({
      indicator: { code: 'ECONOMIC_VALUE' },
      value: null,
      noValueBecause: 'NO_VALUATION_TABLE',
    });
  });

  it('are valued from the first day of 2025 on', async () => {
    const [entity] = await succeed(subgraph, VALUE, {
      representations: [agencyPeriod({ period: '2025-01', verifiedHoursBySkill: HOURS })],
    });

    const expected = replacementCost(HOURS, await ratesOf(subgraph, '2025.1'));
    expect(entity.economicValue).toMatchObject({ sar: expected.sar, tableVersion: '2025.1' });
  });
});

describe('an economic value', () => {
  it('at the shipped table 2025.1, whose every rate is an assumption, is an assumption', async () => {
    const [entity] = await succeed(subgraph, PROVENANCE, {
      representations: [agencyPeriod({ period: '2026', verifiedHoursBySkill: HOURS })],
    });

    expect(entity.economicValue).toMatchObject({
      tableVersion: '2025.1',
      isAssumption: true,
      noValueBecause: null,
      bySkill: [
        { skillCode: '2221', defaultRate: false, isAssumption: true },
        { skillCode: '5411', defaultRate: false, isAssumption: true },
      ],
    });
  });
});

describe('whether a value rests on assumptions', () => {
  const table = (
    rates: [group: string, wage: number, assumed: boolean][],
    defaultRateIsAssumption: boolean,
  ): Valuation => ({
    version: 'T',
    method: 'Replacement cost (test)',
    effectiveFrom: new Date('2025-01-01T00:00:00Z'),
    defaultRate: 45,
    defaultRateIsAssumption,
    rates: rates.map(([majorGroup, hourlyWageSar, isAssumption]) => ({
      majorGroup,
      hourlyWageSar,
      isAssumption,
    })),
  });

  it.each<[string, Valuation, { skillCode: string; hours: number }[], boolean, boolean[]]>([
    [
      'every rate used published',
      table(
        [
          ['2', 110, false],
          ['5', 32, false],
        ],
        true,
      ),
      HOURS,
      false,
      [false, false],
    ],
    [
      'one rate used assumed',
      table(
        [
          ['2', 110, false],
          ['5', 32, true],
        ],
        false,
      ),
      HOURS,
      true,
      [false, true],
    ],
    [
      'an assumed rate that no hour used',
      table(
        [
          ['2', 110, false],
          ['5', 32, false],
          ['9', 20, true],
        ],
        false,
      ),
      HOURS,
      false,
      [false, false],
    ],
    [
      'the default rate used, and the table says it is assumed',
      table([['2', 110, false]], true),
      HOURS,
      true,
      [false, true],
    ],
    [
      'the default rate used, published (a national average wage)',
      table([['2', 110, false]], false),
      HOURS,
      false,
      [false, false],
    ],
    ['no hours: nothing rests on any rate', table([['2', 110, true]], true), [], false, []],
  ])('%s', (_, valuation, hours, isAssumption, lines) => {
    const value = valueHours(hours, valuation);

    expect(value.isAssumption).toBe(isAssumption);
    expect(value.bySkill.map((line) => line.isAssumption)).toEqual(lines);
  });

  it('is not asked when there is no table: no value, no flag', () => {
    expect(valueHours(HOURS, undefined)).toMatchObject({
      sar: null,
      tableVersion: null,
      method: null,
      hoursValued: 0,
      isAssumption: null,
      noValueBecause: 'NO_VALUATION_TABLE',
      bySkill: [],
    });
  });
});
