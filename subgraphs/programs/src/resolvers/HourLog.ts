import type { HourLogResolvers } from '../__generated__/resolvers-types.ts';

export const HourLog: HourLogResolvers = {
  hours: (log) => log.hours.toNumber(),
};
