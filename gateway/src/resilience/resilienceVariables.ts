import { positiveInt, nonNegativeInt, type EnvVar } from '@sahem/kit';
import { DEFAULT_RESILIENCE, type ResilienceOptions } from './ResilienceOptions.ts';

/**
 * `name=value` pairs separated by commas (`programs=3000,indicators=2000`), each value read by
 * `parseValue`; names are the supergraph's subgraph names, whatever they are.
 */
export function namedPairs<T>(
  parseValue: (raw: string) => T,
  description: string,
  defaultValue: Record<string, T> = {},
): EnvVar<Record<string, T>> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      const pairs: Record<string, T> = {};
      for (const pair of raw.split(',').map((entry) => entry.trim())) {
        if (pair === '') continue;
        const match = /^([A-Za-z_][\w-]*)\s*=\s*(.+)$/.exec(pair);
        if (!match) throw new Error(`expected name=value pairs separated by commas, got "${pair}"`);
        const [, name, value] = match as unknown as [string, string, string];
        if (name in pairs) throw new Error(`${name} is given twice`);
        try {
          pairs[name] = parseValue(value.trim());
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      }
      return pairs;
    },
  };
}

const milliseconds = (raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error('expected a positive integer (ms)');
  return value;
};

// Agency codes as the registry writes them, several joined by `+` (`HRSD+SRCA`).
const agencyCodes = (raw: string) => {
  const codes = raw.split('+').map((code) => code.trim());
  for (const code of codes)
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(code)) throw new Error(`"${code}" is not an agency code`);
  return codes;
};

/** A share between 0 and 1. */
function ratio(defaultValue: number, description: string): EnvVar<number> {
  return {
    description,
    default: defaultValue,
    parse(raw) {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
        throw new Error('expected a number from 0 to 1');
      return value;
    },
  };
}

/** The gateway's variables for per-subgraph timeouts, owners, breakers, bulkheads and retries. */
export function resilienceVariables() {
  const d = DEFAULT_RESILIENCE;
  return {
    GATEWAY_SUBGRAPH_TIMEOUTS: namedPairs(
      milliseconds,
      'name=ms pairs: the fetch timeout of those subgraphs instead of GATEWAY_SUBGRAPH_TIMEOUT_MS',
    ),
    GATEWAY_SUBGRAPH_OWNERS: namedPairs(
      agencyCodes,
      'name=CODE pairs: the agencies owning the data of a subgraph served by one service, named in its errors',
      { volunteers: ['HRSD'], indicators: ['HRSD'] },
    ),
    GATEWAY_BREAKER_FAILURES: positiveInt(
      d.breakerFailures,
      'consecutive failures (timeouts, refused connections, 5xx) that open an instance breaker',
    ),
    GATEWAY_BREAKER_COOLDOWN_MS: positiveInt(
      d.breakerCooldownMs,
      'how long an open breaker refuses calls before one probe goes through',
    ),
    GATEWAY_BULKHEAD_MAX_CONCURRENT: positiveInt(
      d.maxConcurrent,
      'fetches in flight to one subgraph instance at most',
    ),
    GATEWAY_BULKHEAD_MAX_QUEUED: nonNegativeInt(
      d.maxQueued,
      'fetches waiting for one instance at most; beyond, refused at once (overloaded)',
    ),
    GATEWAY_RETRY_MAX: nonNegativeInt(
      d.maxRetries,
      'retries of one failed query fetch at most (0: none)',
    ),
    GATEWAY_RETRY_INITIAL_DELAY_MS: positiveInt(
      d.retryInitialDelayMs,
      'first backoff before a retry (jittered, growing exponentially)',
    ),
    GATEWAY_RETRY_MAX_DELAY_MS: positiveInt(d.retryMaxDelayMs, 'longest backoff before a retry'),
    GATEWAY_RETRY_BUDGET_RATIO: ratio(
      d.retryBudgetRatio,
      'retries allowed as a share of an instance’s requests over the window',
    ),
    GATEWAY_RETRY_BUDGET_MIN: nonNegativeInt(
      d.retryBudgetMin,
      'retries allowed per window and instance whatever the traffic',
    ),
    GATEWAY_RETRY_BUDGET_WINDOW_MS: positiveInt(
      d.retryBudgetWindowMs,
      'the sliding window of the retry budget',
    ),
  };
}

/** The resilience settings of a read configuration. */
export function resilienceFromEnv(env: {
  GATEWAY_BREAKER_FAILURES: number;
  GATEWAY_BREAKER_COOLDOWN_MS: number;
  GATEWAY_BULKHEAD_MAX_CONCURRENT: number;
  GATEWAY_BULKHEAD_MAX_QUEUED: number;
  GATEWAY_RETRY_MAX: number;
  GATEWAY_RETRY_INITIAL_DELAY_MS: number;
  GATEWAY_RETRY_MAX_DELAY_MS: number;
  GATEWAY_RETRY_BUDGET_RATIO: number;
  GATEWAY_RETRY_BUDGET_MIN: number;
  GATEWAY_RETRY_BUDGET_WINDOW_MS: number;
}): ResilienceOptions {
  return {
    breakerFailures: env.GATEWAY_BREAKER_FAILURES,
    breakerCooldownMs: env.GATEWAY_BREAKER_COOLDOWN_MS,
    maxConcurrent: env.GATEWAY_BULKHEAD_MAX_CONCURRENT,
    maxQueued: env.GATEWAY_BULKHEAD_MAX_QUEUED,
    maxRetries: env.GATEWAY_RETRY_MAX,
    retryInitialDelayMs: env.GATEWAY_RETRY_INITIAL_DELAY_MS,
    retryMaxDelayMs: env.GATEWAY_RETRY_MAX_DELAY_MS,
    retryBudgetRatio: env.GATEWAY_RETRY_BUDGET_RATIO,
    retryBudgetMin: env.GATEWAY_RETRY_BUDGET_MIN,
    retryBudgetWindowMs: env.GATEWAY_RETRY_BUDGET_WINDOW_MS,
  };
}
