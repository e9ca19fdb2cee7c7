import type { ValuationRateResolvers } from '../__generated__/resolvers-types.ts';

export const ValuationRate: ValuationRateResolvers = {
  name: (rate) => ({ ar: rate.nameAr, en: rate.nameEn }),
  hourlyWageSar: (rate) => rate.hourlyWageSar.toNumber(),
};
