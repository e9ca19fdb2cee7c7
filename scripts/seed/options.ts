/** What both seeders accept. */
export interface SeedOptions {
  /**
   * Size of the data: `scale × 5,000` volunteers, programs and participations in proportion.
   * Fractions give smaller sets (0.1 = 500 volunteers).
   * @default 1
   */
  scale?: number;
  /**
   * Depth of the volunteering history: `history` times as many programs per region and as many
   * applications per volunteer, hence about `history` times the participations and hour logs,
   * for the same volunteers. `scale 44, history 3` is the national size: 220,000 volunteers,
   * 24,288 programs and about 6.3 million hour logs (`scale 40` falls short of 6 million).
   * @default 1
   */
  history?: number;
  /** Seed of the generator: the same scale and seed give the same rows and ids. @default 2026 */
  seed?: number;
  /** Empty the seeded tables first (the skill catalogue stays). @default false */
  reset?: boolean;
  /** Called after each chunk, for a progress bar. */
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

/** What a seeder did. */
export interface SeedReport {
  /** False when the database already had data and `reset` was not asked. */
  seeded: boolean;
  /** Rows per table: those written, or those found when nothing was seeded. */
  rows: Record<string, number>;
}

/** Volunteers at scale 1. */
export const VOLUNTEERS_PER_SCALE = 5_000;

/** Seed used when none is given. */
export const DEFAULT_SEED = 2026;

/** {@link SeedOptions} with defaults applied and checked. */
export interface ResolvedSeedOptions {
  scale: number;
  history: number;
  seed: number;
  reset: boolean;
  volunteers: number;
  onProgress: NonNullable<SeedOptions['onProgress']>;
}

/** Applies the defaults and refuses values that would silently produce nonsense. */
export function resolveSeedOptions(options: SeedOptions): ResolvedSeedOptions {
  const scale = options.scale ?? 1;
  const history = options.history ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a number above 0, got ${scale}`);
  }
  // Whole numbers only: a volunteer's applications are a whole multiple of the usual ones.
  if (!Number.isSafeInteger(history) || history < 1 || history > 10) {
    throw new RangeError(`history must be a whole number from 1 to 10, got ${history}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  }
  const volunteers = Math.max(1, Math.round(scale * VOLUNTEERS_PER_SCALE));
  // Volunteer ids have seven digits and national ids draw from 10^8 numbers.
  if (volunteers > 9_999_999) {
    throw new RangeError(`scale ${scale} would need more than 9,999,999 volunteer ids`);
  }
  return {
    scale,
    history,
    seed,
    reset: options.reset ?? false,
    volunteers,
    onProgress: options.onProgress ?? (() => undefined),
  };
}
