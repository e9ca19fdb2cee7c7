import { parsePeriod } from '@sahem/kit';
import type { IndicatorResolvers } from '../__generated__/resolvers-types.ts';

export const Indicator: IndicatorResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.indicator.load(code),
  name: (indicator) => ({ ar: indicator.nameAr, en: indicator.nameEn }),
  formula: (indicator) => ({ ar: indicator.formulaAr, en: indicator.formulaEn }),
  targets: (indicator, { scope, scopeCode, period }, { loaders }) =>
    loaders.indicatorTargets.load({
      indicatorCode: indicator.code,
      scope,
      scopeCode,
      period: period == null ? null : parsePeriod(period).key,
    }),
};
