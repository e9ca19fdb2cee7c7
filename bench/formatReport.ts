import type { ScenarioRun } from './measureScenario.ts';
import type { StartupTimings } from './startBenchGraph.ts';

/** Everything a bench run measured; written as JSON to `bench/results/`. */
export interface BenchReport {
  startedAt: string;
  scale: number;
  volunteers: number;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
  startup: StartupTimings & {
    /** The first scenario's first answer: query planning and cold caches included. */
    firstAnswerMs: number;
    /** From the start of the bench to the first answer. */
    totalMs: number;
  };
  /** What the services kept besides answering: metrics, traces (and spans exported). */
  observability?: { metrics: boolean; tracing: boolean; spanExports?: number };
  warmUp: number;
  runs: ScenarioRun[];
  /** Peak resident set size of the process (gateway, subgraphs, load generator). */
  peakRssMb: number;
}

const duration = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** The report as a plain-text table for the terminal. */
export function formatReport(report: BenchReport): string {
  const { machine, startup } = report;
  const columns = [
    ['scenario', 22],
    ['conc', 5],
    ['p50 ms', 8],
    ['p95 ms', 8],
    ['p99 ms', 8],
    ['req/s', 8],
    ['SQL/req', 8],
    ['RSS MB', 7],
  ] as const;
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(columns[i]![1]) : cell.padStart(columns[i]![1])))
      .join(' ');
  const rows = report.runs.map((run) =>
    line([
      run.scenario,
      String(run.concurrency),
      run.latencyMs.p50.toFixed(1),
      run.latencyMs.p95.toFixed(1),
      run.latencyMs.p99.toFixed(1),
      run.requestsPerSecond.toFixed(0),
      run.sqlPerRequest.toFixed(1),
      run.rssMb.toFixed(0),
    ]),
  );
  // Each scenario's variables, once (both of its runs send the same).
  const variablesOf = new Map(
    report.runs.flatMap((run) => (run.variables ? [[run.scenario, run.variables] as const] : [])),
  );
  return [
    `Sahem bench · scale ${report.scale} (${report.volunteers.toLocaleString('en')} volunteers) · ` +
      `Node ${machine.node} · ${machine.cpus} × ${machine.cpuModel} · ${report.startedAt}`,
    '',
    `Start-up: ${duration(startup.totalMs)} to the first answer`,
    `  PostgreSQL ${duration(startup.postgresMs)} · migrations ${duration(startup.migrateMs)} · ` +
      `seed ${duration(startup.seedMs)} · subgraphs and gateway ${duration(startup.serveMs)} · ` +
      `first answer ${duration(startup.firstAnswerMs)}`,
    '',
    line(columns.map(([title]) => title)),
    ...rows,
    '',
    `${report.runs[0]?.requests ?? 0} requests per run after ${report.warmUp} warm-up requests; ` +
      'conc = requests in flight; SQL/req = statements sent to the subgraph databases per request.',
    ...[...variablesOf].map(
      ([scenario, variables]) => `${scenario}: ${JSON.stringify(variables)}.`,
    ),
    `Peak RSS of the process (gateway, subgraphs, load generator): ${report.peakRssMb.toFixed(0)} MB.`,
  ].join('\n');
}
