import autocannon from 'autocannon';
import { latencyStats, type LatencyStats } from './latencyStats.ts';

/** One closed-loop load run against one URL. */
export interface LoadOptions {
  url: string;
  /** Requests in flight at once: each connection sends its next request when answered. */
  connections: number;
  durationSeconds: number;
  /** Request bodies, sent in turn from the first (one sequence shared by every connection). */
  bodies: readonly string[];
  /** `Authorization` values, sent in turn with the bodies (callers vary too). */
  authorizations: readonly string[];
  /** Seconds before a request counts as timed out. @default 30 */
  timeoutSeconds?: number;
}

/** What one load run saw. */
export interface LoadResult {
  /** Requests answered within the run. */
  responses: number;
  /** Requests sent, answered or not (those in flight when the run ended included). */
  sent: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: LatencyStats;
  /** Answers with a status outside 2xx. */
  non2xx: number;
  /** 2xx answers whose body carries GraphQL `errors`. */
  graphqlErrors: number;
  /** Connection errors and timeouts. */
  transportErrors: number;
  /** The first failing answer, to show why (cut to 300 characters). */
  firstError?: string;
}

// A JSON key named `errors` can only be written `"errors":` unescaped; a string value holding the
// same characters has them escaped (`\"errors\":`). No field of the shipped operations is
// called `errors`, so this finds GraphQL errors without parsing every body on the load core.
const ERRORS_KEY = '"errors":[';

/** The statistics of a finished run, from the latencies of its answers (pure, for the report). */
export function summarizeLoad(
  latencies: readonly number[],
  seconds: number,
  counts: Omit<LoadResult, 'latencyMs' | 'responses' | 'seconds' | 'requestsPerSecond'>,
): LoadResult {
  return {
    ...counts,
    responses: latencies.length,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    latencyMs:
      latencies.length > 0 ? latencyStats(latencies) : { p50: 0, p95: 0, p99: 0, mean: 0, max: 0 },
  };
}

/**
 * Drives `connections` concurrent connections at `url` for `durationSeconds` with autocannon,
 * each request taking the next body and caller of the sequence, and checks every answer: a
 * status outside 2xx or GraphQL errors in the body count as errors, never as throughput.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { bodies, authorizations } = options;
  if (bodies.length === 0) throw new Error('no request bodies');
  let next = 0;
  let graphqlErrors = 0;
  let non2xx = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const started = performance.now();
  const load: autocannon.Options = {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 30,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const i = next++;
          return {
            ...request,
            body: bodies[i % bodies.length]!,
            headers: {
              ...request.headers,
              authorization: authorizations[i % authorizations.length]!,
            },
          };
        },
        onResponse: (status, body) => {
          const failed = status < 200 || status >= 300;
          if (failed) non2xx += 1;
          else if (body.includes(ERRORS_KEY)) graphqlErrors += 1;
          if ((failed || body.includes(ERRORS_KEY)) && firstError === undefined) {
            firstError = `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(load, (error: unknown, done: autocannon.Result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  return summarizeLoad(latencies, seconds, {
    sent: result.requests.sent,
    non2xx,
    graphqlErrors,
    // autocannon counts timeouts among its errors.
    transportErrors: result.errors,
    ...(firstError !== undefined && { firstError }),
  });
}
