import { beforeAll, describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import { useIndicatorsSubgraph, succeed } from './indicatorsSubgraph.ts';
import { someTargets } from './fixtures.ts';

const subgraph = useIndicatorsSubgraph();

const INDICATORS = /* GraphQL */ `
  query {
    indicators {
      code
      name {
        ar
        en
      }
      unit
      formula {
        ar
        en
      }
      direction
      accrual
    }
  }
`;

const INDICATOR = /* GraphQL */ `
  query Indicator($code: ID!) {
    indicator(code: $code) {
      code
      name {
        en
      }
      unit
      direction
      accrual
    }
  }
`;

const TARGETS = /* GraphQL */ `
  query Targets($indicatorCode: ID, $scope: ScopeKind, $scopeCode: ID, $period: String) {
    targets(indicatorCode: $indicatorCode, scope: $scope, scopeCode: $scopeCode, period: $period) {
      indicator {
        code
      }
      scope
      scopeCode
      period
      value
    }
  }
`;

const INDICATOR_TARGETS = /* GraphQL */ `
  query IndicatorTargets($code: ID!, $scope: ScopeKind, $scopeCode: ID, $period: String) {
    indicator(code: $code) {
      targets(scope: $scope, scopeCode: $scopeCode, period: $period) {
        indicator {
          code
        }
        scope
        scopeCode
        period
        value
      }
    }
  }
`;

const TABLE_FIELDS = /* GraphQL */ `
  fragment TableFields on ValuationTable {
    version
    method
    effectiveFrom
    source
    defaultHourlyWageSar
    defaultRateIsAssumption
    rates {
      majorGroup
      name {
        ar
        en
      }
      hourlyWageSar
      source
      isAssumption
    }
  }
`;

const VALUATION_TABLES = /* GraphQL */ `
  query {
    valuationTables {
      ...TableFields
    }
  }
  ${TABLE_FIELDS}
`;

const VALUATION_TABLE = /* GraphQL */ `
  query ValuationTable($version: ID) {
    valuationTable(version: $version) {
      ...TableFields
    }
  }
  ${TABLE_FIELDS}
`;

/**
 * The catalogue as the observatory published it (second migration), in scorecard order, with
 * the distinct counts moved to their own accrual (issue 11).
 */
const CATALOGUE = [
  ['ACTIVE_VOLUNTEERS', 'Active volunteers', 'VOLUNTEERS', 'DISTINCT_COUNT'],
  ['REGISTERED_VOLUNTEERS', 'Registered volunteers', 'VOLUNTEERS', 'DISTINCT_COUNT'],
  ['VERIFIED_HOURS', 'Verified volunteer hours', 'HOURS', 'CUMULATIVE'],
  ['AVG_WEEKLY_HOURS', 'Average weekly hours per active volunteer', 'HOURS_PER_WEEK', 'LEVEL'],
  ['BENEFICIARIES', 'Beneficiaries served', 'BENEFICIARIES', 'CUMULATIVE'],
  ['PROGRAMS_RUN', 'Programs run', 'PROGRAMS', 'DISTINCT_COUNT'],
  ['RETENTION_RATE', 'Retention', 'PERCENT', 'LEVEL'],
  ['TEAM_LEAD_RATIO', 'Team-lead ratio', 'PERCENT', 'LEVEL'],
  ['ECONOMIC_VALUE', 'Economic value of volunteer work', 'SAR', 'CUMULATIVE'],
] as const;

/** Hourly wages of table 2025.1 by ISCO-08 major group, as the second migration inserts them. */
const WAGES_2025_1: Record<string, [string, number]> = {
  '0': ['Armed forces occupations', 70],
  '1': ['Managers', 150],
  '2': ['Professionals', 110],
  '3': ['Technicians and associate professionals', 70],
  '4': ['Clerical support workers', 45],
  '5': ['Service and sales workers', 32],
  '6': ['Skilled agricultural, forestry and fishery workers', 28],
  '7': ['Craft and related trades workers', 38],
  '8': ['Plant and machine operators, and assemblers', 35],
  '9': ['Elementary occupations', 20],
};

const ARABIC = /^[\u0600-\u06FF\s\d()"،,.÷×Σ-]+$/u;

describe('the indicator catalogue', () => {
  it('lists the nine indicators in scorecard order with their units, directions and accruals', async () => {
    const indicators = await succeed(subgraph, INDICATORS);

    expect(indicators.map((i: any) => [i.code, i.name.en, i.unit, i.accrual])).toEqual(CATALOGUE);
    expect(new Set(indicators.map((i: any) => i.direction))).toEqual(new Set(['HIGHER_IS_BETTER']));
  });

  it('names and explains every indicator in Arabic and in English', async () => {
    const indicators = await succeed(subgraph, INDICATORS);

    for (const { name, formula } of indicators) {
      expect(name.ar).toMatch(ARABIC);
      expect(formula.ar).toMatch(/[\u0600-\u06FF]{3}/u);
      expect(formula.en).toMatch(/[a-z]{3}/);
      expect(formula.en).not.toMatch(/[\u0600-\u06FF]/u);
    }
    expect(indicators.find((i: any) => i.code === 'AVG_WEEKLY_HOURS').formula.en).toMatch(
      /weeks elapsed/,
    );
    expect(indicators.find((i: any) => i.code === 'ECONOMIC_VALUE').formula.en).toMatch(
      /replacement-cost method/,
    );
  });

  it('finds one indicator by its code', async () => {
    const indicator = await succeed(subgraph, INDICATOR, { code: 'RETENTION_RATE' });

    expect(indicator).toEqual({
      code: 'RETENTION_RATE',
      name: { en: 'Retention' },
      unit: 'PERCENT',
      direction: 'HIGHER_IS_BETTER',
      accrual: 'LEVEL',
    });
  });

  it('answers null for a code that is not in the catalogue', async () => {
    expect(await succeed(subgraph, INDICATOR, { code: 'HAPPINESS' })).toBeNull();
  });
});

describe('targets', () => {
  const TARGET_ROWS = [
    ['VERIFIED_HOURS', 'NATIONAL', null, '2026', 100_000],
    ['VERIFIED_HOURS', 'AGENCY', 'SCD', '2026', 730],
    ['VERIFIED_HOURS', 'AGENCY', 'SCD', '2026-Q2', 200.5],
    ['VERIFIED_HOURS', 'REGION', 'SA-01', '2026', 9_000],
    ['RETENTION_RATE', 'AGENCY', 'SCD', '2026', 50],
    ['RETENTION_RATE', 'AGENCY', 'MOH', '2026', 55],
    ['RETENTION_RATE', 'NATIONAL', null, '2026-06', 45],
  ] as const;
  type Row = (typeof TARGET_ROWS)[number];

  const view = ([indicatorCode, scope, scopeCode, period, value]: Row) => ({
    indicator: { code: indicatorCode },
    scope,
    scopeCode,
    period,
    value,
  });
  const sorted = (targets: ReturnType<typeof view>[]) =>
    [...targets].sort((a, b) =>
      JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0,
    );
  const matching = (keep: (row: Row) => boolean) => sorted(TARGET_ROWS.filter(keep).map(view));

  beforeAll(async () => {
    await someTargets(
      subgraph,
      TARGET_ROWS.map(([indicatorCode, scope, scopeCode, period, value]) => ({
        indicatorCode,
        scope,
        scopeCode: scopeCode ?? '',
        period,
        value,
      })),
    );
  });

  it.each<[string, Record<string, string>, (row: Row) => boolean]>([
    ['every target without a filter', {}, () => true],
    ['by indicator', { indicatorCode: 'VERIFIED_HOURS' }, ([code]) => code === 'VERIFIED_HOURS'],
    ['by scope', { scope: 'AGENCY' }, ([, scope]) => scope === 'AGENCY'],
    ['by scope code', { scopeCode: 'SA-01' }, ([, , code]) => code === 'SA-01'],
    [
      'by period, national scope code null',
      { period: '2026-06' },
      ([, , , period]) => period === '2026-06',
    ],
    [
      'by every filter at once',
      { indicatorCode: 'RETENTION_RATE', scope: 'AGENCY', scopeCode: 'SCD', period: '2026' },
      ([code, scope, scopeCode, period]) =>
        code === 'RETENTION_RATE' && scope === 'AGENCY' && scopeCode === 'SCD' && period === '2026',
    ],
    ['none for an indicator without targets', { indicatorCode: 'PROGRAMS_RUN' }, () => false],
  ])('are found %s', async (_, filters, keep) => {
    const targets = await succeed(subgraph, TARGETS, filters);

    expect(sorted(targets)).toEqual(matching(keep));
  });

  it.each<[string, Record<string, string>, (row: Row) => boolean]>([
    ['all of them', {}, ([code]) => code === 'VERIFIED_HOURS'],
    [
      'of a scope',
      { scope: 'AGENCY' },
      ([code, scope]) => code === 'VERIFIED_HOURS' && scope === 'AGENCY',
    ],
    [
      'of a period',
      { scopeCode: 'SCD', period: '2026-Q2' },
      ([code, , scopeCode, period]) =>
        code === 'VERIFIED_HOURS' && scopeCode === 'SCD' && period === '2026-Q2',
    ],
  ])('of an indicator are listed on it: %s', async (_, filters, keep) => {
    const indicator = await succeed(subgraph, INDICATOR_TARGETS, {
      code: 'VERIFIED_HOURS',
      ...filters,
    });

    expect(sorted(indicator.targets)).toEqual(matching(keep));
  });

  it.each([
    ['targets', TARGETS, {}],
    ['Indicator.targets', INDICATOR_TARGETS, { code: 'VERIFIED_HOURS' }],
  ])('%s refuses a malformed period, naming the field', async (_, query, variables) => {
    const result = await subgraph.run(query, { ...variables, period: '2026-13' });

    const error = expectGraphQLError(result, 'BAD_USER_INPUT', 'period');
    expect(error.message).toContain('2026-13');
  });
});

describe('the valuation table', () => {
  const TABLE_2025_1 = {
    version: '2025.1',
    method: expect.stringMatching(
      /^Replacement cost, specialist wage.*ILO, Manual on the Measurement of Volunteer Work/,
    ),
    effectiveFrom: '2025-01-01',
    source: expect.stringMatching(/every rate is an assumption/),
    defaultHourlyWageSar: 45,
    defaultRateIsAssumption: true,
    rates: Object.entries(WAGES_2025_1).map(([majorGroup, [en, hourlyWageSar]]) => ({
      majorGroup,
      name: { ar: expect.stringMatching(ARABIC), en },
      hourlyWageSar,
      source: expect.stringMatching(/^ASSUMPTION \(Sahem seed data, not a published statistic\)/),
      isAssumption: true,
    })),
  };

  it('lists every published version: 2025.1 with a wage per ISCO-08 major group, each an assumption', async () => {
    expect(await succeed(subgraph, VALUATION_TABLES)).toEqual([TABLE_2025_1]);
  });

  it('finds a version by its name', async () => {
    expect(await succeed(subgraph, VALUATION_TABLE, { version: '2025.1' })).toEqual(TABLE_2025_1);
  });

  it('is the one in force today when no version is named', async () => {
    expect(await succeed(subgraph, VALUATION_TABLE)).toEqual(TABLE_2025_1);
  });

  it('answers null for a version never published', async () => {
    expect(await succeed(subgraph, VALUATION_TABLE, { version: '2019.1' })).toBeNull();
  });
});
