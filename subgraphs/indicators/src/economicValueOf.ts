import { BAD_USER_INPUT, today } from '@sahem/kit';
import type { Context } from './context.ts';
import { tableInForce, valueHours, type EconomicValueModel, type SkillHours } from './valuation.ts';

/**
 * Values hours with the table in force on `day` (the period's first day for period figures,
 * today for a program or volunteer); no table in force, no value. The hours must come from
 * the gateway (`@requires`).
 */
export async function economicValueOf(
  hoursBySkill: readonly SkillHours[] | undefined,
  day: Date | undefined,
  { loaders, now }: Context,
): Promise<EconomicValueModel> {
  if (!hoursBySkill) {
    // Only reachable when someone calls the subgraph directly without the required fields.
    throw BAD_USER_INPUT.err('verifiedHoursBySkill is required to compute an economic value.', {
      field: 'verifiedHoursBySkill',
    });
  }
  const tables = await loaders.valuationTables();
  const table = tableInForce(tables, day ?? today(now()));
  return valueHours(
    hoursBySkill,
    table && {
      version: table.version,
      method: table.method,
      effectiveFrom: table.effectiveFrom,
      defaultRate: table.defaultRate.toNumber(),
      defaultRateIsAssumption: table.defaultRateIsAssumption,
      rates: table.rates.map((rate) => ({
        majorGroup: rate.majorGroup,
        hourlyWageSar: rate.hourlyWageSar.toNumber(),
        isAssumption: rate.isAssumption,
      })),
    },
  );
}
