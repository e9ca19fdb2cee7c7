import { parseArgs } from 'node:util';
import { resolveSeedOptions } from '../scripts/seed/options.ts';
import { UsageError } from '../scripts/seed/parseSeedArgs.ts';

/** What `npm run bench -- …` asked for. */
export interface BenchArgs {
  scale: number;
  /** Keep and serve Prometheus metrics in every service (their cost is what `off` saves). */
  metrics: boolean;
  /** Trace every request, exporting by OTLP to a sink of the bench's own on 127.0.0.1. */
  tracing: boolean;
  help: boolean;
}

/** How to call the bench. */
export const BENCH_USAGE = `Usage: npm run bench -- [--scale N] [--metrics on|off] [--tracing on|off]

  --scale N          seed size: N × 5,000 volunteers (as npm run seed)           default 1
  --metrics on|off   Prometheus metrics in every service                          default on
  --tracing on|off   OpenTelemetry spans, exported by OTLP to a local sink        default off
  -h, --help         show this help`;

/** Parses and checks the bench's arguments (without `node` and the script). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string', default: '1' },
        metrics: { type: 'string', default: 'on' },
        tracing: { type: 'string', default: 'off' },
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
  const onOff = (name: 'metrics' | 'tracing') => {
    const value = values[name];
    if (value !== 'on' && value !== 'off')
      throw new UsageError(`--${name} is on or off, got "${value}"`);
    return value === 'on';
  };
  return { scale, metrics: onOff('metrics'), tracing: onOff('tracing'), help: values.help };
}
