/** A source of environment variables: `process.env` in production, a plain object in tests. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** How one variable is read: its parser, its default and what it is for (shown on errors). */
export interface EnvVar<T> {
  parse(raw: string): T;
  /** Used when the variable is unset or empty; `undefined` makes the variable required. */
  default?: T | undefined;
  description: string;
}

/** Raised when the environment is wrong; the message names every offending variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

type Spec = Record<string, EnvVar<unknown>>;
type Parsed<S extends Spec> = { readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

/**
 * Reads and validates every variable of `spec` from `source` and returns a frozen object.
 * All problems are collected and reported together, so one start-up attempt shows them all.
 */
export function readEnv<S extends Spec>(spec: S, source: EnvSource = process.env): Parsed<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(spec)) {
    const raw = source[name];
    if (raw === undefined || raw === '') {
      if (variable.default === undefined && !('default' in variable)) {
        problems.push(`${name} is required (${variable.description})`);
      }
      values[name] = variable.default;
      continue;
    }
    try {
      values[name] = variable.parse(raw);
    } catch (error) {
      problems.push(`${name}=${JSON.stringify(raw)}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new EnvError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze(values) as Parsed<S>;
}

/** A TCP port; `0` asks the operating system for a free one (tests use it). */
export function port(defaultValue: number, description: string): EnvVar<number> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0 || value > 65535) {
        throw new Error('expected a port number between 0 and 65535');
      }
      return value;
    },
  };
}

/** A positive integer, such as a page size or a pool size. */
export function positiveInt(defaultValue: number, description: string): EnvVar<number> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      const value = Number(raw);
      if (!Number.isInteger(value) || value <= 0) throw new Error('expected a positive integer');
      return value;
    },
  };
}

/** An absolute URL with one of the given protocols. */
export function url(
  defaultValue: string | undefined,
  description: string,
  protocols: readonly string[] = ['http:', 'https:'],
): EnvVar<string | undefined> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new Error('expected an absolute URL');
      }
      if (!protocols.includes(parsed.protocol)) {
        throw new Error(`expected a ${protocols.join(' or ')} URL`);
      }
      return raw;
    },
  };
}

/** A PostgreSQL connection string; unset means "use the embedded server". */
export function databaseUrl(description: string): EnvVar<string | undefined> {
  return url(undefined, description, ['postgres:', 'postgresql:']);
}

/** Free text with a default. */
export function text(defaultValue: string, description: string): EnvVar<string> {
  return { description, default: defaultValue, parse: (raw) => raw };
}

/** One of a fixed set of words. */
export function oneOf<const T extends string>(
  values: readonly T[],
  defaultValue: T,
  description: string,
): EnvVar<T> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      if (!(values as readonly string[]).includes(raw)) {
        throw new Error(`expected one of ${values.join(', ')}`);
      }
      return raw as T;
    },
  };
}

/** `true`/`false` (also `1`/`0`). */
export function flag(defaultValue: boolean, description: string): EnvVar<boolean> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      if (['true', '1'].includes(raw)) return true;
      if (['false', '0'].includes(raw)) return false;
      throw new Error('expected true or false');
    },
  };
}

/** A whole number of zero or more, such as a period that may be skipped. */
export function nonNegativeInt(defaultValue: number, description: string): EnvVar<number> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0)
        throw new Error('expected a whole number, 0 or more');
      return value;
    },
  };
}

/** The settings of shutdown, readiness, metrics and logs every service reads (README, Operations). */
export function operationsVariables() {
  return {
    SAHEM_SHUTDOWN_DRAIN_MS: nonNegativeInt(
      5_000,
      'after SIGTERM, how long requests are still served while /ready says 503',
    ),
    SAHEM_SHUTDOWN_TIMEOUT_MS: positiveInt(
      10_000,
      'how long requests in flight may take once the listener is closed',
    ),
    SAHEM_READY_TIMEOUT_MS: positiveInt(
      1_000,
      'how long /ready waits for a database (subgraphs) before it answers 503',
    ),
    SAHEM_METRICS: flag(true, 'serve Prometheus metrics at /metrics (false: none are kept)'),
    SAHEM_LOG_LEVEL: oneOf(
      ['fatal', 'error', 'warn', 'info', 'debug', 'silent'],
      'info',
      'least severe log level written (info: one line per request)',
    ),
  };
}
