import { queryRows } from '@sahem/kit';
import {
  Prisma,
  type Indicator,
  type PrismaClient,
  type Target,
} from './__generated__/prisma/client.ts';
import type { Decimals } from './selectValuationTables.ts';

// Every scorecard of a request reads the catalogue and the targets of its scopes. Through
// Prisma's `findMany`, the query compiler (WebAssembly) took a fifth of the indicators
// subgraph's CPU on the agency scorecards at the national size, more than the two statements
// themselves; so they are read through the `pg` pool (`queryRows`), as the valuation tables
// are. Enums come as their text, which is what Prisma gives.

/** The indicator catalogue in scorecard order, as `db.indicator.findMany` orders it. */
export function selectCatalogue(db: PrismaClient): Promise<Indicator[]> {
  return queryRows<Indicator>(
    db,
    Prisma.sql`SELECT "code", "nameAr", "nameEn", "unit"::text AS "unit",
                      "formulaAr", "formulaEn", "direction"::text AS "direction",
                      "accrual"::text AS "accrual", "position"
                 FROM "Indicator" ORDER BY "position", "code"`,
  );
}

/** One scope, code and period whose targets are wanted. */
export interface TargetCell {
  scope: Target['scope'];
  scopeCode: string;
  period: string;
}

/**
 * The targets set for any of `cells`, in one statement (a semi-join on the cells, so a target
 * two cells name comes once), with `value` a `Decimal` as Prisma gives it.
 */
export async function selectTargets(db: PrismaClient, cells: TargetCell[]): Promise<Target[]> {
  if (cells.length === 0) return [];
  const rows = await queryRows<Decimals<Target, 'value'>>(
    db,
    Prisma.sql`SELECT t."id"::text AS "id", t."indicatorCode", t."scope"::text AS "scope",
                      t."scopeCode", t."period", t."value"::text AS "value"
                 FROM "Target" t
                WHERE (t."scope"::text, t."scopeCode", t."period") IN (
                        SELECT * FROM unnest(${cells.map((c) => c.scope)}::text[],
                                             ${cells.map((c) => c.scopeCode)}::text[],
                                             ${cells.map((c) => c.period)}::text[]))`,
  );
  return rows.map((row) => ({ ...row, value: new Prisma.Decimal(row.value) }));
}
