import { NOT_FOUND } from '@sahem/kit';
import type { TargetResolvers } from '../__generated__/resolvers-types.ts';

export const Target: TargetResolvers = {
  async indicator(target, _, { loaders }) {
    const indicator = await loaders.indicator.load(target.indicatorCode);
    if (!indicator) throw NOT_FOUND.err(`Indicator ${target.indicatorCode} is gone.`);
    return indicator;
  },
  scopeCode: (target) => (target.scopeCode === '' ? null : target.scopeCode),
  value: (target) => target.value.toNumber(),
};
