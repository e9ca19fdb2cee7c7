import DataLoader from 'dataloader';
import { byKeys, parsePeriod } from '@sahem/kit';
import { selectCatalogue, selectTargets } from './selectScorecardInputs.ts';
import { selectValuationTables } from './selectValuationTables.ts';
import type { Indicator, PrismaClient, ScopeKind, Target } from './__generated__/prisma/client.ts';
import type { TableWithRates } from './selectValuationTables.ts';

export type { TableWithRates } from './selectValuationTables.ts';

/** The targets that can apply to one scope in one period. */
export interface TargetKey {
  scope: ScopeKind;
  scopeCode: string;
  period: string;
}

/** The targets of one indicator matching `Indicator.targets`' filters (absent: any). */
export interface IndicatorTargetsKey {
  indicatorCode: string;
  scope?: ScopeKind | null;
  scopeCode?: string | null;
  period?: string | null;
}

/** The one key of loaders that load a whole small table. */
const ALL = 'all';

/** Per-request batch loaders: each turns N lookups in one tick into one statement. */
export function createLoaders(db: PrismaClient, ..._scope: unknown[]) {
  const catalogue = new DataLoader<typeof ALL, Indicator[]>(async (keys) => {
    const indicators = await selectCatalogue(db);
    return keys.map(() => indicators);
  });
  const tables = new DataLoader<typeof ALL, TableWithRates[]>(async (keys) => {
    const all = await selectValuationTables(db);
    return keys.map(() => all);
  });
  return {
    /** The indicator catalogue, in scorecard order. */
    catalogue: () => catalogue.load(ALL),
    /** Every valuation table with its rates, newest first. */
    valuationTables: () => tables.load(ALL),
    indicator: new DataLoader<string, Indicator | null>(async (codes) =>
      byKeys(
        codes,
        await db.indicator.findMany({ where: { code: { in: [...codes] } } }),
        (i) => i.code,
      ),
    ),
    /**
     * Targets set for a scope in a period or in the period's year (from which shorter periods
     * derive theirs): one statement for every scope and period of a scorecard request.
     */
    targets: new DataLoader<TargetKey, Target[], string>(
      async (keys) => {
        const years = (key: TargetKey) => [
          key.period,
          String(parsePeriod(key.period).start.getUTCFullYear()),
        ];
        const rows = await selectTargets(
          db,
          keys.flatMap((key) => years(key).map((period) => ({ ...key, period }))),
        );
        return keys.map((key) =>
          rows.filter(
            (row) =>
              row.scope === key.scope &&
              row.scopeCode === key.scopeCode &&
              years(key).includes(row.period),
          ),
        );
      },
      { cacheKeyFn: (key) => `${key.scope}|${key.scopeCode}|${key.period}` },
    ),
    /** `Indicator.targets` of every indicator of a request in one statement. */
    indicatorTargets: new DataLoader<IndicatorTargetsKey, Target[], string>(
      async (keys) => {
        const where = (key: IndicatorTargetsKey) => ({
          indicatorCode: key.indicatorCode,
          ...(key.scope != null && { scope: key.scope }),
          ...(key.scopeCode != null && { scopeCode: key.scopeCode }),
          ...(key.period != null && { period: key.period }),
        });
        const rows = await db.target.findMany({
          where: { OR: keys.map(where) },
          orderBy: [{ scope: 'asc' }, { scopeCode: 'asc' }, { period: 'asc' }],
        });
        return keys.map((key) => {
          const filters = Object.entries(where(key)) as [keyof Target, unknown][];
          return rows.filter((row) => filters.every(([field, value]) => row[field] === value));
        });
      },
      {
        cacheKeyFn: (key) =>
          JSON.stringify([
            key.indicatorCode,
            key.scope ?? null,
            key.scopeCode ?? null,
            key.period ?? null,
          ]),
      },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
