import { beforeAll, describe, expect, it } from 'vitest';
import { succeed, useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { agencyPeriod, ECONOMIC_VALUES, ratesOf, replacementCost } from './fixtures.ts';

const subgraph = useIndicatorsSubgraph();

const HOURS = [
  { skillCode: '5411', hours: 12.5 },
  { skillCode: '2221', hours: 4 },
  { skillCode: '9112', hours: 3.25 },
];

const TABLES = /* GraphQL */ `
  query {
    valuationTables {
      version
      effectiveFrom
    }
    valuationTable {
      version
      defaultHourlyWageSar
      rates {
        majorGroup
        hourlyWageSar
        source
        isAssumption
      }
    }
  }
`;

beforeAll(async () => {
  const table = (version: string, effectiveFrom: string, defaultRate: number) => ({
    version,
    method: `Replacement cost, specialist wage (${version})`,
    effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`),
    source: `Test table ${version}`,
    defaultRate,
  });
  const rate = (tableVersion: string, majorGroup: string, hourlyWageSar: number) => ({
    tableVersion,
    majorGroup,
    nameAr: `المجموعة ${majorGroup}`,
    nameEn: `Group ${majorGroup}`,
    hourlyWageSar,
    source: 'GASTAT Labour Force Survey 2025 Q4, monthly wage / 173.3 hours',
    isAssumption: false,
  });
  await subgraph.db.prisma.valuationTable.createMany({
    data: [table('2026.1', '2026-01-01', 50), table('2026.2', '2026-07-01', 55)],
  });
  await subgraph.db.prisma.valuationRate.createMany({
    data: [
      rate('2026.1', '1', 160),
      rate('2026.1', '2', 120),
      rate('2026.1', '5', 34),
      rate('2026.2', '2', 125),
      rate('2026.2', '5', 40),
    ],
  });
});

describe('versions of the valuation table', () => {
  it('are listed newest first, and the one in force today is the default, not the one starting tomorrow', async () => {
    const result = await subgraph.run(TABLES);

    expect(result.errors).toBeUndefined();
    expect(result.data!.valuationTables).toEqual([
      { version: '2026.2', effectiveFrom: '2026-07-01' },
      { version: '2026.1', effectiveFrom: '2026-01-01' },
      { version: '2025.1', effectiveFrom: '2025-01-01' },
    ]);
    expect(result.data!.valuationTable).toEqual({
      version: '2026.1',
      defaultHourlyWageSar: 50,
      rates: [
        ['1', 160],
        ['2', 120],
        ['5', 34],
      ].map(([majorGroup, hourlyWageSar]) => ({
        majorGroup,
        hourlyWageSar,
        source: 'GASTAT Labour Force Survey 2025 Q4, monthly wage / 173.3 hours',
        isAssumption: false,
      })),
    });
  });

  it('leave the hours of 2024, before the first table, without a value', async () => {
    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [agencyPeriod({ period: '2024', verifiedHoursBySkill: HOURS })],
    });

    expect(entity.economicValue).toMatchObject({
      sar: null,
      tableVersion: null,
      noValueBecause: 'NO_VALUATION_TABLE',
    });
  });

  it.each([
    ['2025-12', '2025.1', 'the last month of 2025'],
    ['2026', '2026.1', 'a year starting on the effective date'],
    ['2026-Q2', '2026.1', 'a quarter inside the version'],
    ['2026-06', '2026.1', 'the month before a new version'],
    ['2026-07', '2026.2', 'the month a new version takes effect'],
    ['2026-Q3', '2026.2', 'the quarter a new version takes effect'],
    ['2027', '2026.2', 'a year after the newest version'],
  ])('value the hours of %s with table %s (%s)', async (period, version) => {
    const rates = await ratesOf(subgraph, version);

    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [agencyPeriod({ period, verifiedHoursBySkill: HOURS })],
    });

    expect(entity.economicValue).toEqual(replacementCost(HOURS, rates));
  });

  it("value a skill whose group has no rate in the table at the table's default rate, saying so", async () => {
    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [agencyPeriod({ period: '2026', verifiedHoursBySkill: HOURS })],
    });

    expect(entity.economicValue.bySkill).toEqual([
      {
        skillCode: '2221',
        majorGroup: '2',
        hours: 4,
        hourlyWageSar: 120,
        sar: 480,
        defaultRate: false,
        isAssumption: false,
      },
      {
        skillCode: '5411',
        majorGroup: '5',
        hours: 12.5,
        hourlyWageSar: 34,
        sar: 425,
        defaultRate: false,
        isAssumption: false,
      },
      {
        skillCode: '9112',
        majorGroup: '9',
        hours: 3.25,
        hourlyWageSar: 50,
        sar: 162.5,
        // The table does not say its default rate is published, so it is taken as assumed.
        defaultRate: true,
        isAssumption: true,
      },
    ]);
    expect(entity.economicValue.sar).toBe(480 + 425 + 162.5);
  });

  it.each([
    ['a program', { __typename: 'Program', id: 'PRG-1', verifiedHoursBySkill: HOURS }],
    ['a volunteer', { __typename: 'Volunteer', id: 'V-0000001', verifiedHoursBySkill: HOURS }],
  ])('value the hours of %s with the table in force today', async (_, representation) => {
    const [entity] = await succeed(subgraph, ECONOMIC_VALUES, {
      representations: [representation],
    });

    expect(entity.economicValue).toEqual(replacementCost(HOURS, await ratesOf(subgraph, '2026.1')));
  });
});
