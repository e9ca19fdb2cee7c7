// `npm run bench -- [--scale N]`: starts the whole graph in this process on a throw-away
// PostgreSQL cluster, seeds it, measures the acceptance scenarios through the gateway over
// HTTP, prints a table and writes `bench/results/<timestamp>.json`. The npm script runs it with
// `node --import tsx` rather than the `tsx` CLI, which SIGKILLs its child when Ctrl-C finds
// the child's event loop busy for 60 ms (seeding): the clean-up below would never run.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { resolveSeedOptions } from '../scripts/seed/options.ts';
import { UsageError } from '../scripts/seed/parseSeedArgs.ts';
import { busiestProgram } from './busiestProgram.ts';
import { formatReport, type BenchReport } from './formatReport.ts';
import { measureScenario, type ScenarioRun } from './measureScenario.ts';
import { BENCH_USAGE, parseBenchArgs } from './parseBenchArgs.ts';
import { SCENARIOS } from './scenarios.ts';
import { startBenchGraph, type BenchGraph } from './startBenchGraph.ts';
import { startOtlpSink } from './startOtlpSink.ts';
import { startTracing } from '../subgraphs/kit/src/tracing/startTracing.ts';

const WARM_UP = 20;
const REQUESTS = 200;
const CONCURRENCIES = [1, 8];
const RESULTS = new URL('results/', import.meta.url);

// Ctrl-C stops the requests, then the gateway, the subgraphs and PostgreSQL. `on`, not `once`:
// under the `tsx` CLI the terminal's SIGINT comes twice (directly and relayed), and the second
// must not kill the process half-way through stopping.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => interrupt.abort(new Error(`interrupted by ${signal}`)));
}
// What the services logged, shown when the bench fails.
const recent: string[] = [];
const log = (line: string) => {
  recent.push(line);
  if (recent.length > 20) recent.shift();
};
const progress = (line: string) => process.stderr.write(`${line}\n`);

let running: BenchGraph | undefined;

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(BENCH_USAGE);
    return;
  }
  const startedAt = new Date();
  const started = performance.now();
  // Tracing exports for real, by OTLP over HTTP, to a sink that only counts what it receives.
  const sink = args.tracing ? await startOtlpSink() : undefined;
  if (sink) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sink.url;
  const tracing = sink ? startTracing({ serviceName: 'sahem-bench' }) : undefined;
  progress(
    `bench: starting the graph and seeding at scale ${args.scale} (metrics ${args.metrics ? 'on' : 'off'}, tracing ${args.tracing ? 'on' : 'off'})…`,
  );
  const graph = await startBenchGraph({
    scale: args.scale,
    log,
    signal: interrupt.signal,
    metrics: args.metrics,
  });
  running = graph;
  const firstSent = performance.now();
  await measureScenario(graph, SCENARIOS[0]!, { warmUp: 0, requests: 1, signal: interrupt.signal });
  const firstAnswerMs = performance.now() - firstSent;
  const totalMs = performance.now() - started;

  const programs = graph.subgraphs.find((subgraph) => subgraph.name === 'programs')!;
  const program = await busiestProgram(programs, 'SCD');
  const scenarios = SCENARIOS.map((scenario) =>
    scenario.name.startsWith('3 ') ? { ...scenario, variables: { id: program } } : scenario,
  );
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) {
    for (const concurrency of CONCURRENCIES) {
      progress(`bench: ${scenario.name}, ${REQUESTS} requests, ${concurrency} in flight…`);
      runs.push(
        await measureScenario(graph, scenario, {
          warmUp: WARM_UP,
          requests: REQUESTS,
          concurrency,
          signal: interrupt.signal,
        }),
      );
    }
  }

  const cpus = os.cpus();
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    scale: args.scale,
    volunteers: resolveSeedOptions({ scale: args.scale }).volunteers,
    machine: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
    },
    startup: { ...graph.startup, firstAnswerMs, totalMs },
    observability: { metrics: args.metrics, tracing: args.tracing },
    warmUp: WARM_UP,
    runs,
    // maxRSS is in kibibytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  if (tracing && sink) {
    await tracing.shutdown();
    report.observability!.spanExports = sink.exports;
    await sink.close();
  }
  await mkdir(RESULTS, { recursive: true });
  const file = new URL(`${report.startedAt.replace(/[:.]/g, '-')}.json`, RESULTS);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatReport(report)}\n\nWritten to ${file.pathname}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (interrupt.signal.aborted) {
    console.error('\nbench interrupted: stopping…');
    exitCode = 130;
  } else if (error instanceof UsageError) {
    console.error(`bench: ${error.message}\n\n${BENCH_USAGE}`);
    exitCode = 2;
  } else {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    if (recent.length > 0) console.error(`last lines logged:\n  ${recent.join('\n  ')}`);
    exitCode = 1;
  }
} finally {
  await running?.stop();
}
// Explicitly, as the seed CLI does: the code holds whatever the exit hooks of the libraries do,
// and nothing left open (a keep-alive socket, a timer) keeps the process alive.
process.exit(exitCode);
