import { describe, expect, it } from 'vitest';
import { useIndicatorsSubgraph } from './indicatorsSubgraph.ts';

const subgraph = useIndicatorsSubgraph();

const query = async <Row>(sql: string, values: unknown[] = []) =>
  (await subgraph.db.pool.query(sql, values)).rows as Row[];

describe('what the observatory stores', () => {
  it('is the catalogue, targets and valuation tables, nothing else', async () => {
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_name`,
    );

    expect(tables.map((t) => t.table_name)).toEqual([
      'Indicator',
      'Target',
      'ValuationRate',
      'ValuationTable',
      '_prisma_migrations',
    ]);
  });

  it('has no column that could hold a participation, an hour log or a person', async () => {
    const columns = await query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const personal =
      /volunteer|participation|fullname|^name$|nationalid|national_id|iqama|email|phone|mobile|birth|gender|^hours$|^date$|hourlog/i;

    expect(columns.length).toBeGreaterThan(20);
    expect(columns.filter((c) => personal.test(c.column_name))).toEqual([]);
  });
});

describe('rules PostgreSQL enforces for every writer', () => {
  const insertTarget = (scope: string, scopeCode: string, period: string, value: number) =>
    subgraph.db.pool.query(
      `INSERT INTO "Target" ("id", "indicatorCode", "scope", "scopeCode", "period", "value")
       VALUES (gen_random_uuid(), 'VERIFIED_HOURS', $1, $2, $3, $4)`,
      [scope, scopeCode, period, value],
    );

  it.each([
    ['AGENCY', 'SCD', '2030', 0],
    ['NATIONAL', '', '2030-Q4', 1_000_000],
    ['REGION', 'SA-01', '2030-12', 12.5],
  ])('accept a %s target %s for %s of %d', async (scope, scopeCode, period, value) => {
    await expect(insertTarget(scope, scopeCode, period, value)).resolves.toMatchObject({
      rowCount: 1,
    });
  });

  it.each([
    ['a negative target', 'AGENCY', 'SCD', '2031', -1, 'Target_value_check'],
    [
      'a national target with a scope code',
      'NATIONAL',
      'SCD',
      '2031',
      10,
      'Target_scope_code_check',
    ],
    ['an agency target without a scope code', 'AGENCY', '', '2031', 10, 'Target_scope_code_check'],
    ['a thirteenth month', 'AGENCY', 'SCD', '2031-13', 10, 'Target_period_check'],
    ['a fifth quarter', 'AGENCY', 'SCD', '2031-Q5', 10, 'Target_period_check'],
    ['a period with a day', 'AGENCY', 'SCD', '2031-07-01', 10, 'Target_period_check'],
  ])('refuse %s', async (_, scope, scopeCode, period, value, constraint) => {
    await expect(insertTarget(scope, scopeCode, period, value)).rejects.toMatchObject({
      code: '23514',
      constraint,
    });
  });

  it('refuse a second target for the same indicator, scope and period', async () => {
    await insertTarget('AGENCY', 'MOH', '2032', 10);

    await expect(insertTarget('AGENCY', 'MOH', '2032', 20)).rejects.toMatchObject({
      code: '23505',
      constraint: 'Target_indicatorCode_scope_scopeCode_period_key',
    });
  });

  it('refuse a target through the Prisma client too', async () => {
    await expect(
      subgraph.db.prisma.target.create({
        data: {
          indicatorCode: 'VERIFIED_HOURS',
          scope: 'AGENCY',
          scopeCode: 'SCD',
          period: '2033',
          value: -5,
        },
      }),
    ).rejects.toThrow(/Target_value_check/);
    expect(await subgraph.db.prisma.target.count({ where: { period: '2033' } })).toBe(0);
  });

  const insertRate = (majorGroup: string, hourlyWageSar: number) =>
    subgraph.db.pool.query(
      `INSERT INTO "ValuationRate" ("tableVersion", "majorGroup", "nameAr", "nameEn", "hourlyWageSar", "source", "isAssumption")
       VALUES ('2025.9', $1, 'اختبار', 'Test', $2, 'test', TRUE)`,
      [majorGroup, hourlyWageSar],
    );

  it('accept a positive wage for a major group, and refuse a zero or negative wage or a group that is not a digit', async () => {
    await subgraph.db.pool.query(
      `INSERT INTO "ValuationTable" ("version", "method", "effectiveFrom", "source", "defaultRate")
       VALUES ('2025.9', 'test', '2099-01-01', 'test', 45)`,
    );

    await expect(insertRate('1', 0.01)).resolves.toMatchObject({ rowCount: 1 });
    await expect(insertRate('2', 0)).rejects.toMatchObject({
      constraint: 'ValuationRate_wage_check',
    });
    await expect(insertRate('3', -20)).rejects.toMatchObject({
      constraint: 'ValuationRate_wage_check',
    });
    await expect(insertRate('10', 20)).rejects.toMatchObject({
      constraint: 'ValuationRate_group_check',
    });
    await expect(insertRate('A', 20)).rejects.toMatchObject({
      constraint: 'ValuationRate_group_check',
    });
  });

  it('refuse a target for an indicator not in the catalogue', async () => {
    await expect(
      subgraph.db.pool.query(
        `INSERT INTO "Target" ("id", "indicatorCode", "scope", "scopeCode", "period", "value")
         VALUES (gen_random_uuid(), 'HAPPINESS', 'NATIONAL', '', '2026', 1)`,
      ),
    ).rejects.toMatchObject({ code: '23503', constraint: 'Target_indicatorCode_fkey' });
  });
});
