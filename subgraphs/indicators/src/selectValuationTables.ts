import { queryRows } from '@sahem/kit';
import {
  Prisma,
  type PrismaClient,
  type ValuationRate,
  type ValuationTable,
} from './__generated__/prisma/client.ts';

/** A valuation table with its rates. */
export type TableWithRates = ValuationTable & { rates: ValuationRate[] };

/** `T` as `queryRows` reads it when its `K` columns are cast to text (`numeric` as a string). */
export type Decimals<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };

/**
 * Every valuation table, newest first, with its rates by major group: what every economic
 * value of a request is computed from (scenarios 1 and 3). Read through the `pg` pool
 * (`queryRows`), not Prisma's `findMany` with `include`, whose query compiler cost more CPU
 * than both statements. The amounts are `numeric`, which `pg` gives as text: they are turned
 * into `Decimal`s here, exactly as Prisma returns them.
 */
export async function selectValuationTables(db: PrismaClient): Promise<TableWithRates[]> {
  const [tables, rates] = await Promise.all([
    queryRows<Decimals<ValuationTable, 'defaultRate'>>(
      db,
      Prisma.sql`SELECT "version", "method", "effectiveFrom", "source",
                        "defaultRate"::text AS "defaultRate", "defaultRateIsAssumption"
                   FROM "ValuationTable" ORDER BY "effectiveFrom" DESC`,
    ),
    queryRows<Decimals<ValuationRate, 'hourlyWageSar'>>(
      db,
      Prisma.sql`SELECT "tableVersion", "majorGroup", "nameAr", "nameEn",
                        "hourlyWageSar"::text AS "hourlyWageSar", "source", "isAssumption"
                   FROM "ValuationRate" ORDER BY "tableVersion", "majorGroup"`,
    ),
  ]);
  const ratesOf = new Map<string, ValuationRate[]>();
  for (const rate of rates) {
    const list = ratesOf.get(rate.tableVersion) ?? [];
    list.push({ ...rate, hourlyWageSar: new Prisma.Decimal(rate.hourlyWageSar) });
    ratesOf.set(rate.tableVersion, list);
  }
  return tables.map((table) => ({
    ...table,
    defaultRate: new Prisma.Decimal(table.defaultRate),
    rates: ratesOf.get(table.version) ?? [],
  }));
}
