import { REGIONS } from '@sahem/kit';
import type { RegionResolvers } from '../__generated__/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => (REGIONS.has(code) ? { code } : null),
  name: ({ code }) => REGIONS.get(code) ?? { ar: code, en: code },
};
