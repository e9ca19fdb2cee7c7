import { beforeAll, describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import {
  agencyPeriod,
  ECONOMIC_VALUES,
  nationalPeriod,
  PERIOD_ENTITIES,
  ratesOf,
  regionPeriod,
  replacementCost,
  type Rates,
} from './fixtures.ts';

const subgraph = useIndicatorsSubgraph();

let rates: Rates;
beforeAll(async () => {
  rates = await ratesOf(subgraph, '2025.1');
});

const program = {
  __typename: 'Program',
  id: 'PRG-SCD-001',
  verifiedHoursBySkill: [
    { skillCode: '5411', hours: 37.25 },
    { skillCode: '3256', hours: 12 },
    { skillCode: '9112', hours: 0.75 },
  ],
};
const volunteer = {
  __typename: 'Volunteer',
  id: 'V-0000042',
  verifiedHoursBySkill: [
    { skillCode: '2221', hours: 3.5 },
    { skillCode: '7411', hours: 8 },
  ],
};

describe('the economic value of hours the gateway supplies', () => {
  it.each([
    ['an agency in a year', agencyPeriod()],
    ['an agency in a quarter', agencyPeriod({ agencyCode: 'MOH', period: '2026-Q2' })],
    ['a region', regionPeriod()],
    ['the nation', nationalPeriod()],
    ['a program', program],
    ['a volunteer', volunteer],
  ])('of %s is its hours by skill at the wages of table 2025.1', async (_, representation) => {
    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [representation],
    });

    expect(entity.economicValue).toEqual(
      replacementCost(representation.verifiedHoursBySkill, rates),
    );
  });

  it('needs nothing but the hours by skill when only the value is asked for', async () => {
    const representation = {
      __typename: 'AgencyPeriod',
      agencyCode: 'SCD',
      period: '2026',
      verifiedHoursBySkill: [{ skillCode: '5411', hours: 10 }],
    };

    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [representation],
    });

    expect(entity.economicValue.sar).toBe(10 * rates.byGroup.get('5')!);
  });

  it('is 0 SAR for no hours at all', async () => {
    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [{ ...volunteer, verifiedHoursBySkill: [] }],
    });

    expect(entity.economicValue).toEqual({
      sar: 0,
      tableVersion: '2025.1',
      method: rates.method,
      hoursValued: 0,
      // Nothing rests on any rate.
      isAssumption: false,
      noValueBecause: null,
      bySkill: [],
    });
  });

  it('answers each representation in its order, with its own key', async () => {
    const representations = [
      agencyPeriod({ agencyCode: 'SCD', period: '2026-06' }),
      regionPeriod({ regionCode: 'SA-04' }),
      nationalPeriod({ period: '2026-Q1' }),
      agencyPeriod({ agencyCode: 'MOH' }),
    ];

    const entities = await succeed(subgraph, PERIOD_ENTITIES, { representations });

    expect(
      entities.map((e: any) => [e.__typename, e.agencyCode ?? e.regionCode ?? null, e.period]),
    ).toEqual([
      ['AgencyPeriod', 'SCD', '2026-06'],
      ['RegionPeriod', 'SA-04', '2026'],
      ['NationalPeriod', null, '2026-Q1'],
      ['AgencyPeriod', 'MOH', '2026'],
    ]);
    expect(entities.map((e: any) => e.scorecard.scopeCode)).toEqual(['SCD', 'SA-04', null, 'MOH']);
  });

  it.each([
    ['an agency period', { __typename: 'AgencyPeriod', agencyCode: 'SCD', period: '2026' }],
    ['a region period', { __typename: 'RegionPeriod', regionCode: 'SA-01', period: '2026' }],
    ['the national period', { __typename: 'NationalPeriod', period: '2026' }],
    ['a program', { __typename: 'Program', id: 'PRG-1' }],
    ['a volunteer', { __typename: 'Volunteer', id: 'V-0000001' }],
  ])('of %s without its hours by skill is refused, naming the field', async (_, representation) => {
    const result = await subgraph.run(ECONOMIC_VALUES, { representations: [representation] });

    const error = expectGraphQLError(result, 'BAD_USER_INPUT', 'verifiedHoursBySkill');
    expect(error.message).toMatch(/verifiedHoursBySkill is required/);
  });
});

describe('period keys', () => {
  it.each([
    ['AgencyPeriod', agencyPeriod({ period: '2026-13' })],
    ['RegionPeriod', regionPeriod({ period: '26' })],
    ['NationalPeriod', nationalPeriod({ period: '2026-Q5' })],
  ])(
    'a malformed period in a %s representation is BAD_USER_INPUT on period',
    async (_, representation) => {
      const result = await subgraph.run(PERIOD_ENTITIES, { representations: [representation] });

      const error = expectGraphQLError(result, 'BAD_USER_INPUT', 'period');
      expect(error.message).toContain(`"${representation.period}" is not a period`);
    },
  );

  it('a region code that is not an ISO 3166-2:SA region is BAD_USER_INPUT on regionCode', async () => {
    const result = await subgraph.run(PERIOD_ENTITIES, {
      representations: [regionPeriod({ regionCode: 'SA-13' })],
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'regionCode');
  });
});

describe('indicator references', () => {
  const INDICATOR_ENTITIES = /* GraphQL */ `
    query IndicatorEntities($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Indicator {
          code
          name {
            en
          }
          unit
          direction
          accrual
        }
      }
    }
  `;

  it('resolves catalogue codes and answers null for unknown ones', async () => {
    const entities = await succeed(subgraph, INDICATOR_ENTITIES, {
      representations: [
        { __typename: 'Indicator', code: 'ECONOMIC_VALUE' },
        { __typename: 'Indicator', code: 'NOT_AN_INDICATOR' },
        { __typename: 'Indicator', code: 'AVG_WEEKLY_HOURS' },
      ],
    });

    expect(entities).toEqual([
      {
        code: 'ECONOMIC_VALUE',
        name: { en: 'Economic value of volunteer work' },
        unit: 'SAR',
        direction: 'HIGHER_IS_BETTER',
        accrual: 'CUMULATIVE',
      },
      null,
      {
        code: 'AVG_WEEKLY_HOURS',
        name: { en: 'Average weekly hours per active volunteer' },
        unit: 'HOURS_PER_WEEK',
        direction: 'HIGHER_IS_BETTER',
        accrual: 'LEVEL',
      },
    ]);
  });
});
