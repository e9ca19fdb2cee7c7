import pino, { type DestinationStream, type Logger } from 'pino';
import { printable } from '../printable.ts';

export type { Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `gateway`, `volunteers`, …: the `service` field of every line. */
  service: string;
  /** `SAHEM_LOG_LEVEL`. @default 'info' ('silent' under vitest, so tests stay quiet) */
  level?: string;
  /** Where lines go. @default standard output */
  destination?: DestinationStream;
}

/**
 * The operators' log: one JSON object per line (pino), with the service's name. Every string
 * in it is made printable first (`printable`: control characters, line separators and
 * bidirectional overrides escaped), since operation names and error messages may come from a
 * caller; JSON alone would leave some of them raw.
 */
export function createLogger(options: LoggerOptions): Logger {
  const level =
    options.level ?? process.env.SAHEM_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino(
    {
      level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => printableValues(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? printable(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests that pass one explicitly. */
export const SILENT_LOGGER: Logger = pino({ level: 'silent' });

function printableValues(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return printable(value, 2_000);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => printableValues(item, depth + 1));
  if (value instanceof Error) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, printableValues(item, depth + 1)]),
  );
}
