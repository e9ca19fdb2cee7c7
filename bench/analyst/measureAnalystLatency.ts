import { latencyStats, type LatencyStats } from '../measure/latencyStats.ts';
import { startGatewayUnderTest } from '../gateways/startGatewayUnderTest.ts';
import { bundleBenchProcesses } from '../processes/bundleBenchProcesses.ts';
import { loadOperations } from '../scenarios.ts';
import { startBenchGraph, type BenchGraph } from '../startBenchGraph.ts';
import { analystGatewayQuestions } from './analystGatewayQuestions.ts';

/** Options of {@link measureAnalystLatency}. */
export interface AnalystLatencyOptions {
  scale: number;
  /** Requests measured per question, one at a time. @default 50 */
  requests?: number;
  /** Requests sent before measuring each question, not measured (plans, pools, JIT). @default 10 */
  warmUp?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** One question's end-to-end latency. */
export interface AnalystLatencyRow {
  title: string;
  operation: string;
  requests: number;
  latencyMs: LatencyStats;
}

/**
 * The latency of each analyst question end to end through Sahem's gateway, as in production
 * (`startGatewayUnderTest('sahem')`: JWTs, caller tokens, limits, cost budget, audit trail,
 * trusted documents enforced), over one programs instance per agency seeded at `scale`. Each
 * question is sent alone and sequentially (one request in flight), so its latency is its own
 * and not a queue's; any error answer stops the run rather than being timed.
 */
export async function measureAnalystLatency(
  options: AnalystLatencyOptions,
): Promise<AnalystLatencyRow[]> {
  const log = options.log ?? (() => undefined);
  const requests = options.requests ?? 50;
  const warmUp = options.warmUp ?? 10;
  const operations = await loadOperations();
  let graph: BenchGraph | undefined;
  let stopGateway: (() => Promise<void>) | undefined;
  try {
    log('compiling the processes to start…');
    const bundles = await bundleBenchProcesses();
    log(`starting PostgreSQL, seeding at scale ${options.scale}, one store per agency…`);
    graph = await startBenchGraph({
      bundles,
      scale: options.scale,
      layout: 'per-agency',
      operations: operations.values(),
      callers: 8,
      log,
      ...(options.signal && { signal: options.signal }),
    });
    const gateway = await startGatewayUnderTest('sahem', graph);
    stopGateway = () => gateway.process.stop();
    const busiest = String(graph.variables['3'][0]?.id ?? 'SCD-00001');
    const rows: AnalystLatencyRow[] = [];
    for (const question of analystGatewayQuestions(busiest)) {
      const operation = operations.get(question.operation);
      if (!operation) throw new Error(`no client operation ${question.operation}`);
      const body = JSON.stringify({
        query: operation.text,
        operationName: operation.name,
        variables: question.variables,
      });
      const send = async (i: number) => {
        const started = performance.now();
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: graph!.authorizations[i % graph!.authorizations.length]!,
          },
          body,
        });
        const text = await response.text();
        const elapsed = performance.now() - started;
        if (!response.ok || text.includes('"errors":[')) {
          throw new Error(`${question.title}: ${response.status} ${text.slice(0, 300)}`);
        }
        const wrong =
          i === 0 ? question.check?.((JSON.parse(text) as { data: unknown }).data) : undefined;
        if (wrong) throw new Error(`${question.title}: ${wrong}`);
        return elapsed;
      };
      for (let i = 0; i < warmUp; i++) await send(i);
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) samples.push(await send(i));
      const row: AnalystLatencyRow = {
        title: question.title,
        operation: question.operation,
        requests,
        latencyMs: latencyStats(samples),
      };
      log(`${question.title}: p50 ${row.latencyMs.p50.toFixed(1)} ms`);
      rows.push(row);
    }
    return rows;
  } finally {
    await stopGateway?.().catch(() => undefined);
    await graph?.stop();
  }
}
