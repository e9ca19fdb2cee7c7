import { regionResolvers } from '@sahem/kit';
import type { RegionResolvers } from '../__generated__/resolvers-types.ts';

export const Region: RegionResolvers = regionResolvers;
