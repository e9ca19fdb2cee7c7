import { beforeAll, describe, expect, it } from 'vitest';
import { selectCatalogue, selectTargets } from '../src/selectScorecardInputs.ts';
import { useIndicatorsSubgraph } from './indicatorsSubgraph.ts';
import { someTargets } from './fixtures.ts';

const subgraph = useIndicatorsSubgraph();

// Read through the pg pool instead of Prisma: they must give what Prisma's findMany gives.
beforeAll(async () => {
  await someTargets(subgraph, [
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026',
      value: 1200.5,
    },
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026-Q2',
      value: 310,
    },
    {
      indicatorCode: 'ACTIVE_VOLUNTEERS',
      scope: 'AGENCY',
      scopeCode: 'SCD',
      period: '2026',
      value: 40,
    },
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'AGENCY',
      scopeCode: 'SEC',
      period: '2026',
      value: 99.99,
    },
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'REGION',
      scopeCode: 'SA-01',
      period: '2026',
      value: 7,
    },
    {
      indicatorCode: 'VERIFIED_HOURS',
      scope: 'NATIONAL',
      scopeCode: '',
      period: '2026',
      value: 123456.78,
    },
    { indicatorCode: 'VERIFIED_HOURS', scope: 'NATIONAL', scopeCode: '', period: '2025', value: 1 },
  ]);
});

const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('the scorecard inputs read through the pg pool', () => {
  it('give the catalogue Prisma gives, in scorecard order', async () => {
    const prisma = await subgraph.db.prisma.indicator.findMany({ orderBy: { position: 'asc' } });
    expect(prisma.length).toBeGreaterThan(5);
    expect(await selectCatalogue(subgraph.db.prisma)).toEqual(prisma);
  });

  it('give the targets of the cells asked, each once, with Decimal values', async () => {
    const cells = [
      { scope: 'AGENCY', scopeCode: 'SCD', period: '2026' },
      { scope: 'AGENCY', scopeCode: 'SCD', period: '2026-Q2' },
      // Asked twice (two periods of one year both want the year's): still one row.
      { scope: 'AGENCY', scopeCode: 'SCD', period: '2026' },
      { scope: 'NATIONAL', scopeCode: '', period: '2026' },
      // Another scope kind with the same code and period matches nothing.
      { scope: 'REGION', scopeCode: 'SCD', period: '2026' },
    ] as const;
    const rows = await selectTargets(subgraph.db.prisma, [...cells]);
    const prisma = await subgraph.db.prisma.target.findMany({
      where: { OR: cells.map((cell) => ({ ...cell })) },
    });
    expect(prisma).toHaveLength(4);
    expect(byId(rows)).toEqual(byId(prisma));
    expect(rows.find((row) => row.scope === 'NATIONAL')!.value.toFixed(2)).toBe('123456.78');
  });

  it('give none for no cells or cells without targets', async () => {
    expect(await selectTargets(subgraph.db.prisma, [])).toEqual([]);
    expect(
      await selectTargets(subgraph.db.prisma, [
        { scope: 'REGION', scopeCode: 'SA-09', period: '2026' },
      ]),
    ).toEqual([]);
  });
});
