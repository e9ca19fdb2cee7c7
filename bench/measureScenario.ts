import type { RunningSubgraph } from '@sahem/kit';
import { latencyStats, type LatencyStats } from './latencyStats.ts';
import type { Scenario } from './scenarios.ts';

/** Where the scenarios are sent, and whose SQL statements are counted. */
export interface BenchTarget {
  gatewayUrl: string;
  authorization: string;
  subgraphs: readonly RunningSubgraph<unknown>[];
}

/** How one scenario is run. */
export interface RunOptions {
  /** Requests sent first and not measured (query plans, connections, JIT). @default 20 */
  warmUp?: number;
  /** Requests measured. @default 200 */
  requests?: number;
  /** Requests in flight at once. @default 1 */
  concurrency?: number;
  /** Stops sending; the run then rejects. */
  signal?: AbortSignal;
}

/** What one run of a scenario measured. */
export interface ScenarioRun {
  scenario: string;
  variables?: Record<string, unknown>;
  concurrency: number;
  requests: number;
  latencyMs: LatencyStats;
  requestsPerSecond: number;
  /** SQL statements per request, in total and by subgraph. */
  sqlPerRequest: number;
  sqlPerRequestBySubgraph: Record<string, number>;
  /** Resident set size of this process (gateway, subgraphs and load generator) after the run. */
  rssMb: number;
}

// No request may hang the bench: a stuck gateway fails the run instead.
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends `scenario` to the gateway over HTTP: a warm-up, then `requests` requests from
 * `concurrency` loops that each send the next request when their previous one is answered.
 * Every answer must be a 200 with data and no errors, or the run fails: the numbers of a
 * scenario that does not work mean nothing.
 */
export async function measureScenario(
  target: BenchTarget,
  scenario: Scenario,
  options: RunOptions = {},
): Promise<ScenarioRun> {
  const { warmUp = 20, requests = 200, concurrency = 1 } = options;
  const signal = options.signal ?? new AbortController().signal;
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  const send = async () => {
    signal.throwIfAborted();
    const response = await fetch(target.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: target.authorization },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const result = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    if (response.status !== 200 || !result.data || result.errors?.length) {
      const reason = result.errors?.map((error) => error.message).join('; ') ?? 'no data';
      throw new Error(`${scenario.name} answered ${response.status}: ${reason}`);
    }
  };
  const statements = () =>
    Object.fromEntries(target.subgraphs.map((s) => [s.name, s.db.statements.total]));

  for (let i = 0; i < warmUp; i++) await send();

  const latencies: number[] = [];
  let next = 0;
  const loop = async () => {
    while (next < requests) {
      next += 1;
      const sent = performance.now();
      try {
        await send();
      } catch (error) {
        next = requests; // the other loops stop too
        throw error;
      }
      latencies.push(performance.now() - sent);
    }
  };
  const before = statements();
  const started = performance.now();
  // Settled, not all: no request may still be in flight when the caller stops the graph.
  const settled = await Promise.allSettled(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  const after = statements();
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;

  const bySubgraph = Object.fromEntries(
    Object.keys(after).map((name) => [name, (after[name]! - before[name]!) / requests]),
  );
  return {
    scenario: scenario.name,
    ...(scenario.variables && { variables: scenario.variables }),
    concurrency,
    requests,
    latencyMs: latencyStats(latencies),
    requestsPerSecond: requests / seconds,
    sqlPerRequest: Object.values(bySubgraph).reduce((sum, count) => sum + count, 0),
    sqlPerRequestBySubgraph: bySubgraph,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}
