import { listLimit, parsePeriod } from '@sahem/kit';
import type { IndicatorResolvers } from '../__generated__/resolvers-types.ts';
import { DEFAULT_TARGETS, MAX_TARGETS } from '../targetListLimits.ts';

export const Indicator: IndicatorResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.indicator.load(code),
  name: (indicator) => ({ ar: indicator.nameAr, en: indicator.nameEn }),
  formula: (indicator) => ({ ar: indicator.formulaAr, en: indicator.formulaEn }),
  targets: async (indicator, { scope, scopeCode, period, first }, { loaders }) => {
    const take = listLimit(first, MAX_TARGETS, DEFAULT_TARGETS);
    const targets = await loaders.indicatorTargets.load({
      indicatorCode: indicator.code,
      scope,
      scopeCode,
      period: period == null ? null : parsePeriod(period).key,
    });
    return targets.slice(0, take);
  },
};
