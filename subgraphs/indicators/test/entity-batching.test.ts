import { beforeAll, describe, expect, it } from 'vitest';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import {
  agencyPeriod,
  ELAPSED_OF_2026,
  ratesOf,
  regionPeriod,
  replacementCost,
  someTargets,
} from './fixtures.ts';

const subgraph = useIndicatorsSubgraph();

const VALUE_AND_STATUS = /* GraphQL */ `
  query ValueAndStatus($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        economicValue {
          sar
        }
        scorecard {
          entries {
            status
          }
        }
      }
      ... on RegionPeriod {
        economicValue {
          sar
        }
        scorecard {
          entries {
            status
          }
        }
      }
    }
  }
`;

const PERIODS = ['2026', '2026-Q1', '2026-Q2', '2026-Q3', '2026-03', '2026-06', '2025', '2027'];
const REGIONS = ['SA-01', 'SA-02', 'SA-03', 'SA-04', 'SA-05'];

const agencies = Array.from({ length: 40 }, (_, i) =>
  agencyPeriod({
    agencyCode: `AG${String(i).padStart(2, '0')}`,
    verifiedHoursBySkill: [
      { skillCode: '5411', hours: i + 0.5 },
      { skillCode: String(1000 * (i % 10) + 111).padStart(4, '0'), hours: 2 },
    ],
  }),
);

beforeAll(async () => {
  await someTargets(
    subgraph,
    agencies.flatMap(({ agencyCode }, i) => [
      {
        indicatorCode: 'VERIFIED_HOURS',
        scope: 'AGENCY',
        scopeCode: agencyCode,
        period: '2026',
        value: 200 + 20 * i,
      },
      {
        indicatorCode: 'RETENTION_RATE',
        scope: 'AGENCY',
        scopeCode: agencyCode,
        period: '2026-Q2',
        value: 40,
      },
    ]),
  );
});

describe('resolving many period entities', () => {
  it('costs as many SQL statements for 40 agencies as for one', async () => {
    const rates = await ratesOf(subgraph, '2025.1');

    const one = await subgraph.db.statements.track(() =>
      succeed(subgraph, VALUE_AND_STATUS, { representations: agencies.slice(0, 1) }),
    );
    const forty = await subgraph.db.statements.track(() =>
      succeed(subgraph, VALUE_AND_STATUS, { representations: agencies }),
    );

    expect(forty.result.map((e: any) => e.economicValue.sar)).toEqual(
      agencies.map((a) => replacementCost(a.verifiedHoursBySkill, rates).sar),
    );
    expect(forty.result.map((e: any) => e.scorecard.entries[2].status)).toEqual(
      agencies.map((agency, i) => {
        const attainment = agency.verifiedHours / ((200 + 20 * i) * ELAPSED_OF_2026);
        return attainment >= 1 ? 'ON_TRACK' : attainment >= 0.8 ? 'AT_RISK' : 'OFF_TRACK';
      }),
    );
    expect(new Set(forty.result.map((e: any) => e.scorecard.entries[2].status)).size).toBe(3);
    expect(one.statements).toBeGreaterThan(0);
    expect(forty.statements).toBe(one.statements);
  });

  it('costs as many SQL statements for 40 scopes over many periods as for one', async () => {
    const mixed = agencies.map((agency, i) =>
      i % 2 === 0
        ? { ...agency, period: PERIODS[i % PERIODS.length] }
        : regionPeriod({
            regionCode: REGIONS[i % REGIONS.length],
            period: PERIODS[(i + 3) % PERIODS.length],
          }),
    );

    const one = await subgraph.db.statements.track(() =>
      succeed(subgraph, VALUE_AND_STATUS, { representations: mixed.slice(0, 1) }),
    );
    const forty = await subgraph.db.statements.track(() =>
      succeed(subgraph, VALUE_AND_STATUS, { representations: mixed }),
    );

    expect(forty.result).toHaveLength(40);
    expect(forty.statements).toBe(one.statements);
  });
});

describe('listing the catalogue with its targets', () => {
  const ONE = /* GraphQL */ `
    query {
      indicator(code: "VERIFIED_HOURS") {
        targets(period: "2026") {
          scopeCode
          value
        }
      }
    }
  `;
  const ALL = /* GraphQL */ `
    query {
      indicators {
        code
        targets(period: "2026") {
          scopeCode
          value
        }
      }
    }
  `;

  it('costs as many SQL statements for the nine indicators as for one', async () => {
    const one = await subgraph.db.statements.track(() => succeed(subgraph, ONE));
    const nine = await subgraph.db.statements.track(() => succeed(subgraph, ALL));

    expect(nine.result).toHaveLength(9);
    expect(nine.result.find((i: any) => i.code === 'VERIFIED_HOURS').targets).toHaveLength(40);
    expect(nine.statements).toBe(one.statements);
  });
});
