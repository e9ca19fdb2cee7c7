export { seedIndicators } from './seedIndicators.ts';
export {
  seedPrograms,
  seedProgramsStores,
  SEEDED_AGENCIES,
  type ProgramsSeedOptions,
  type ProgramsStore,
} from './seedPrograms.ts';
export { seedVolunteers } from './seedVolunteers.ts';
export {
  DEFAULT_SEED,
  VOLUNTEERS_PER_SCALE,
  type SeedOptions,
  type SeedReport,
} from './options.ts';
