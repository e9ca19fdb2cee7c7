import { parseArgs } from 'node:util';
import { DEFAULT_SEED, resolveSeedOptions } from './options.ts';

/** Raised for command-line mistakes; the CLI prints it with the usage and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What `npm run seed -- …` asked for. */
export interface SeedArgs {
  scale: number;
  history: number;
  seed: number;
  reset: boolean;
  help: boolean;
}

/** How to call the seed CLI. */
export const SEED_USAGE = `Usage: npm run seed -- [--scale N] [--history H] [--seed S] [--reset]

  --scale N   N × 5,000 volunteers, programs and participations in proportion; fractions
              allowed (0.1 = 500 volunteers, 200 = one million)            default 1
  --history H H × the programs per region and the applications per volunteer, so about
              H × the participations and hour logs (1–10); the national size is
              --scale 44 --history 3: 220,000 volunteers, 24,288 programs, 6.3M hour logs
                                                                           default 1
  --seed S    generator seed: the same scale and seed give the same data   default ${DEFAULT_SEED}
  --reset     empty the seeded tables first (otherwise a seeded database is left alone)
  -h, --help  show this help`;

/** Parses and checks the CLI arguments (without `node` and the script). */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string' },
        history: { type: 'string' },
        seed: { type: 'string' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  const history = values.history === undefined ? 1 : Number(values.history);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!/^\s*\d*\.?\d+\s*$/.test(values.scale ?? '1') || !(scale > 0)) {
    throw new UsageError(
      `--scale must be a number above 0 (like 1, 4 or 0.1), got "${values.scale}"`,
    );
  }
  if (!/^\s*\d+\s*$/.test(values.history ?? '1') || !(history >= 1 && history <= 10)) {
    throw new UsageError(`--history must be a whole number from 1 to 10, got "${values.history}"`);
  }
  if (!/^\d+$/.test(values.seed ?? '0') || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed must be a non-negative integer, got "${values.seed}"`);
  }
  try {
    resolveSeedOptions({ scale, history, seed });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { scale, history, seed, reset: values.reset, help: values.help };
}
