import { parseArgs } from 'node:util';
import { resolveSeedOptions } from '../scripts/seed/options.ts';
import { UsageError } from '../scripts/seed/parseSeedArgs.ts';

/** What `npm run bench -- …` asked for. */
export interface BenchArgs {
  scale: number;
  help: boolean;
}

/** How to call the bench. */
export const BENCH_USAGE = `Usage: npm run bench -- [--scale N]

  --scale N   seed size: N × 5,000 volunteers (as npm run seed)   default 1
  -h, --help  show this help`;

/** Parses and checks the bench's arguments (without `node` and the script). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const scale = Number(values.scale);
  if (!/^\s*\d*\.?\d+\s*$/.test(values.scale) || !(scale > 0)) {
    throw new UsageError(`--scale must be a number above 0 (like 1 or 4), got "${values.scale}"`);
  }
  try {
    resolveSeedOptions({ scale });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { scale, help: values.help };
}
