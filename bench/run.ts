// `npm run bench -- [options]` (see BENCH_USAGE): measures Sahem's gateway against stock
// @apollo/gateway and Hive Gateway in one run, on the same subgraph processes, supergraph and
// request sequence, and writes bench/results/<date>-<label>.md (tables), .svg (chart) and .json.
// The npm script runs it with `node --import tsx` rather than the `tsx` CLI, which SIGKILLs its
// child when Ctrl-C finds the event loop busy (seeding): the clean-up below would never run.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSeedOptions } from '../scripts/seed/options.ts';
import { UsageError } from '../scripts/seed/parseSeedArgs.ts';
import { compareAnswers } from './measure/compareAnswers.ts';
import {
  gatewaysOf,
  startGatewayUnderTest,
  type GatewayUnderTest,
} from './gateways/startGatewayUnderTest.ts';
import { peakRssMb, resetPeakRss } from './measure/peakRss.ts';
import { cpuPlan, pinToCpu } from './measure/pinToCpu.ts';
import { processCpuMs, processTree, readProcStats, treeCpuMs } from './measure/processCpu.ts';
import { runLoad } from './measure/runLoad.ts';
import { openSqlStats, SQL_STATS_SETTINGS, type SqlStats } from './measure/sqlStats.ts';
import { BENCH_USAGE, parseBenchArgs, type BenchArgs } from './parseBenchArgs.ts';
import type { AnswerCheck, BenchReport, RunRecord, TargetId } from './report/BenchReport.ts';
import { formatReport } from './report/formatReport.ts';
import { renderChart } from './report/renderChart.ts';
import {
  bundleSourceResolver,
  formatProfileSummary,
  summarizeCpuProfile,
  type CpuProfile,
} from './report/summarizeCpuProfile.ts';
import { bundleBenchProcesses, type BenchBundles } from './processes/bundleBenchProcesses.ts';
import { loadOperations, WORKLOADS, type Workload } from './scenarios.ts';
import { startBenchGraph, type BenchGraph } from './startBenchGraph.ts';
import { startOtlpSink } from './startOtlpSink.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = path.join(ROOT, 'bench', 'results');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Ctrl-C stops the load, then the gateways, the subgraphs and PostgreSQL. `on`, not `once`: a
// terminal may deliver SIGINT twice, and the second must not cut the stop short.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => interrupt.abort(new Error(`interrupted by ${signal}`)));
}
const began = performance.now();
const progress = (line: string) =>
  process.stderr.write(
    `bench ${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s: ${line}\n`,
  );

/** Where a run's requests go and which process answers them. */
interface Target {
  id: TargetId;
  url: string;
  gateway?: GatewayUnderTest;
}

let bundles: BenchBundles | undefined;
let sink: Awaited<ReturnType<typeof startOtlpSink>> | undefined;
let graph: BenchGraph | undefined;
let sqlStats: SqlStats | undefined;
const gateways: GatewayUnderTest[] = [];

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(BENCH_USAGE);
    return;
  }
  const startedAt = new Date();
  const started = performance.now();
  const loadAverageStart = await loadAverage();
  const cpu = await cpuPlan();
  // The load generator is this process: it shares the subgraphs' core, never the gateway's.
  if (cpu) await pinToCpu(process.pid, cpu.rest);
  const operations = await loadOperations();
  const label =
    args.label ??
    `scale${args.scale}${args.history === 1 ? '' : `-history${args.history}`}-${args.agencies}${sahemLabel(args)}${args.smoke ? '-smoke' : ''}${args.profile ? '-profiled' : ''}`;
  const out = args.out ? path.resolve(args.out) : RESULTS;
  await mkdir(out, { recursive: true });
  const base = await freeBase(out, `${startedAt.toISOString().slice(0, 10)}-${label}`);
  const profile = args.profile ? { dir: path.join(out, `${base}-profiles`) } : undefined;
  if (profile) await mkdir(profile.dir, { recursive: true });

  // Tracing exports for real, by OTLP over HTTP, to a sink in this process that only counts.
  if (args.tracing) sink = await startOtlpSink();
  progress('compiling the processes to start…');
  bundles = await bundleBenchProcesses();
  progress(
    `starting PostgreSQL, seeding at scale ${args.scale}, history ${args.history}, starting the subgraphs…`,
  );
  graph = await startBenchGraph({
    bundles,
    scale: args.scale,
    history: args.history,
    layout: args.agencies,
    operations: operations.values(),
    callers: args.callers,
    cpu,
    profile,
    ...(args.smoke && { minDeployable: 1 }),
    log: progress,
    signal: interrupt.signal,
    observability: { metrics: args.metrics, otlpEndpoint: sink?.url },
    ...(args.sqlStats && { postgresSettings: SQL_STATS_SETTINGS }),
  });
  if (args.sqlStats) sqlStats = await openSqlStats(graph.postgres.url('postgres'));
  const gatewaysStarted = performance.now();
  const ids = args.gateways ?? gatewaysOf(args.agencies);
  progress(`starting ${ids.join(', ')}…`);
  // Side by side; each is pinned once ready. Every one started is stopped, even when another fails.
  const startedGateways = await Promise.allSettled(
    ids.map((id) =>
      startGatewayUnderTest(id, graph!, {
        cpu,
        profile,
        sahem: { dedup: args.dedup, responseCache: args.responseCache, workers: args.workers },
      }),
    ),
  );
  for (const result of startedGateways)
    if (result.status === 'fulfilled') gateways.push(result.value);
  const failed = startedGateways.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  interrupt.signal.throwIfAborted();
  const gatewaysMs = performance.now() - gatewaysStarted;

  const runs: RunRecord[] = [];
  const profiles: string[] = [];
  const profileCount = new Map<string, number>();
  for (const workload of WORKLOADS.filter((entry) => args.workloads.includes(entry.id))) {
    const operation = operations.get(workload.operation);
    if (!operation)
      throw new Error(`no operation ${workload.operation} in the client or bench/operations`);
    const bodies = graph.variables[workload.id].map((variables) =>
      JSON.stringify({ query: operation.text, operationName: operation.name, variables }),
    );
    const targets: Target[] = gateways.map((gateway) => ({
      id: gateway.id,
      url: gateway.url,
      gateway,
    }));
    if (workload.direct && args.direct) {
      targets.push({ id: 'direct', url: graph.directUrls[workload.direct] });
    }
    progress(
      `${workload.title}: comparing ${args.samples} answers of ${targets.map((t) => t.id).join(', ')}…`,
    );
    const checks = await checkAnswers(targets, bodies.slice(0, args.samples), graph, args);
    for (const connections of args.connections) {
      for (const target of targets) {
        interrupt.signal.throwIfAborted();
        progress(
          `${workload.title} · ${target.id} · ${connections} connection${connections > 1 ? 's' : ''}…`,
        );
        const record = await measure(workload, target, connections, bodies, graph, args, checks);
        runs.push(record.run);
        if (profile) {
          profiles.push(
            ...(await collectProfiles(profile.dir, record.profiled, profileCount, record.run)),
          );
        }
      }
    }
  }

  const cpus = os.cpus();
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    label,
    scale: args.scale,
    history: args.history,
    volunteers: resolveSeedOptions({ scale: args.scale }).volunteers,
    layout: args.agencies,
    smoke: args.smoke,
    profiled: args.profile,
    machine: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: { start: loadAverageStart, end: await loadAverage() },
    },
    pinning: cpu ?? { unpinned: 'taskset (util-linux) is missing or the machine has one core' },
    durationSeconds: args.durationSeconds,
    warmUpSeconds: args.warmUpSeconds,
    connections: args.connections,
    callers: args.callers,
    targets: [...new Set(runs.map((run) => run.target))],
    variables: Object.fromEntries(
      WORKLOADS.filter((entry) => args.workloads.includes(entry.id)).map((entry) => [
        entry.title,
        { distinct: graph!.variables[entry.id].length, example: graph!.variables[entry.id][0]! },
      ]),
    ),
    startup: { ...graph.startup, gatewaysMs, totalMs: gatewaysStarted - started + gatewaysMs },
    observability: {
      metrics: args.metrics,
      tracing: args.tracing,
      ...(sink && { spanExports: sink.exports }),
    },
    sahem: { dedup: args.dedup, responseCache: args.responseCache, workers: args.workers },
    runs,
    subgraphPeakRssMb: Object.fromEntries(
      await Promise.all(
        graph.subgraphs.map(async (s) => [s.name, await peakRssMb(s.pid)] as const),
      ),
    ),
  };
  const chart = `${base}.svg`;
  await writeFile(path.join(out, chart), renderChart(runs, Math.max(...args.connections)));
  const markdown = formatReport(report, chart);
  await writeFile(path.join(out, `${base}.md`), markdown);
  await writeFile(path.join(out, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  if (profile) {
    await writeFile(
      path.join(out, `${base}-profiles.md`),
      `# CPU profiles: ${label}\n\nEach measured run, each process that was busy in it (V8's sampling profiler, 1 ms; start-up and warm-up excluded). Files: ${path.relative(out, profile.dir)}/.\n\n${profiles.join('\n')}`,
    );
  }
  console.log(`\n${markdown}\nWritten to ${path.join(out, `${base}.md`)}`);
}

/** What the results file's name says of Sahem's options where they differ from the bench's defaults. */
function sahemLabel(args: BenchArgs): string {
  return `${args.dedup ? '' : '-dedup-off'}${args.responseCache ? '-cache-on' : ''}${args.workers > 1 ? `-workers${args.workers}` : ''}`;
}

/** `base`, or `base-2`, `base-3`…: earlier results are never overwritten. */
async function freeBase(dir: string, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await access(path.join(dir, `${candidate}.md`));
    } catch {
      return candidate;
    }
  }
}

async function loadAverage(): Promise<string> {
  return (await readFile('/proc/loadavg', 'utf8').catch(() => '?'))
    .split(' ')
    .slice(0, 3)
    .join(' ');
}

/** Sends one request outside any load run and returns its parsed answer. */
async function ask(url: string, body: string, authorization: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
    body,
    signal: AbortSignal.any([interrupt.signal, AbortSignal.timeout(60_000)]),
  });
  const text = await response.text();
  let json: { data?: unknown; errors?: { message: string }[] } | undefined;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/**
 * Sends the first requests of the sequence to every target, one at a time, and compares each
 * target's answers with the reference's: the first target over one programs instance holding
 * every agency (with one instance per agency, `sahem`'s figures merged from sketches are
 * compared within their error). Also a first warm-up of every query plan.
 */
async function checkAnswers(
  targets: readonly Target[],
  samples: readonly string[],
  graph: BenchGraph,
  args: BenchArgs,
): Promise<Map<TargetId, AnswerCheck>> {
  const answers = new Map<TargetId, unknown[] | string>();
  for (const target of targets) {
    const data: unknown[] = [];
    for (const [i, body] of samples.entries()) {
      const answer = await ask(
        target.url,
        body,
        graph.authorizations[i % graph.authorizations.length]!,
      );
      if (answer.status !== 200 || !answer.json?.data || answer.json.errors?.length) {
        answers.set(
          target.id,
          `request ${i + 1} answered ${answer.status}: ${answer.text.slice(0, 300)}`,
        );
        break;
      }
      data.push(answer.json.data);
    }
    if (!answers.has(target.id)) answers.set(target.id, data);
  }
  // With `per-agency`, `sahem` alone routes to one instance per agency; the rest use the one
  // holding every agency (see startGatewayUnderTest).
  const overOneInstance = (id: TargetId) => !(id === 'sahem' && args.agencies === 'per-agency');
  const ok = targets.filter((target) => Array.isArray(answers.get(target.id)));
  const reference = ok.find((target) => overOneInstance(target.id)) ?? ok[0];
  const checks = new Map<TargetId, AnswerCheck>();
  for (const target of targets) {
    const mine = answers.get(target.id)!;
    if (typeof mine === 'string') checks.set(target.id, { state: 'failed', note: mine });
    else if (target === reference) checks.set(target.id, { state: 'reference' });
    else {
      const theirs = answers.get(reference!.id) as unknown[];
      // Sketch estimates against exact counts only where the layouts differ; else exactly.
      const estimates = overOneInstance(reference!.id) !== overOneInstance(target.id);
      const comparison = compareAnswers(theirs, mine, { estimates });
      if (comparison.state === 'differs') {
        checks.set(target.id, {
          state: 'differs',
          note: `from ${reference!.id} at ${comparison.at}`,
        });
      } else checks.set(target.id, comparison);
    }
  }
  return checks;
}

/** SQL statements every subgraph process has sent so far. */
async function statements(graph: BenchGraph): Promise<number> {
  const counts = await Promise.all(graph.subgraphs.map((subgraph) => subgraph.statements()));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** CPU milliseconds so far of each side of a run. */
async function cpuNow(graph: BenchGraph, gateway: GatewayUnderTest | undefined) {
  const stats = await readProcStats();
  return {
    // With GATEWAY_WORKERS the gateway is a tree: its primary and the workers that answer.
    gateway: gateway ? treeCpuMs(stats, gateway.process.pid) : 0,
    subgraphs: graph.subgraphs.reduce((sum, s) => sum + processCpuMs(stats, s.pid), 0),
    postgres: treeCpuMs(stats, graph.postgres.pid),
    audit: treeCpuMs(stats, graph.auditPostgres.pid),
  };
}

/**
 * Waits until the processes of a run are idle again (requests still in flight when the load
 * stopped are finished by then), so a run's CPU time neither misses its tail nor includes the
 * previous run's. At most `maxMs` (a smoke run does not wait: its numbers mean nothing).
 */
async function settle(
  graph: BenchGraph,
  gateway: GatewayUnderTest | undefined,
  maxMs: number,
): Promise<void> {
  const total = async () => Object.values(await cpuNow(graph, gateway)).reduce((a, b) => a + b, 0);
  const deadline = Date.now() + maxMs;
  let last = await total();
  let quiet = 0;
  // Idle, every process together stays under a tenth of a core (timers, PostgreSQL's background
  // workers, and CPU time counted in 10 ms ticks); a request still in flight shows above it.
  while (Date.now() < deadline && quiet < 2) {
    await sleep(250);
    const now = await total();
    quiet = now - last < 25 ? quiet + 1 : 0;
    last = now;
  }
}

/** The gateway's process and its workers, if any. */
async function gatewayPids(gateway: GatewayUnderTest): Promise<number[]> {
  return processTree(await readProcStats(), gateway.process.pid).map((stat) => stat.pid);
}

/** One measured run: warm-up, then the load, with CPU and memory read around it. */
async function measure(
  workload: Workload,
  target: Target,
  connections: number,
  bodies: readonly string[],
  graph: BenchGraph,
  args: BenchArgs,
  checks: Map<TargetId, AnswerCheck>,
): Promise<{ run: RunRecord; profiled: string[] }> {
  const load = {
    url: target.url,
    connections,
    bodies,
    authorizations: graph.authorizations,
  };
  if (args.warmUpSeconds > 0) await runLoad({ ...load, durationSeconds: args.warmUpSeconds });
  await settle(graph, target.gateway, args.smoke ? 250 : 5_000);
  // Profiled: the gateway under test and every subgraph process.
  const profiled = args.profile
    ? [...(target.gateway ? [target.gateway.process] : []), ...graph.subgraphs]
    : [];
  if (target.gateway) {
    for (const pid of await gatewayPids(target.gateway)) await resetPeakRss(pid);
  }
  const statementsBefore = await statements(graph);
  await sqlStats?.reset();
  const before = await cpuNow(graph, target.gateway);
  for (const child of profiled) child.signal('SIGUSR2');
  const result = await runLoad({ ...load, durationSeconds: args.durationSeconds });
  for (const child of profiled) child.signal('SIGUSR2');
  await settle(graph, target.gateway, args.smoke ? 250 : 5_000);
  const after = await cpuNow(graph, target.gateway);
  const statementsAfter = await statements(graph);
  const perRequest = (key: keyof typeof before) =>
    result.sent > 0 ? (after[key] - before[key]) / result.sent : 0;
  return {
    run: {
      workload: workload.id,
      title: workload.title,
      target: target.id,
      connections,
      load: result,
      cpuMsPerRequest: {
        gateway: target.gateway ? perRequest('gateway') : null,
        subgraphs: perRequest('subgraphs'),
        postgres: perRequest('postgres'),
        audit: target.gateway?.audited ? perRequest('audit') : null,
      },
      sqlPerRequest: result.sent > 0 ? (statementsAfter - statementsBefore) / result.sent : 0,
      // Per process: the largest of the primary and its workers (each worker has its own heap).
      gatewayPeakRssMb: target.gateway
        ? Math.max(...(await Promise.all((await gatewayPids(target.gateway)).map(peakRssMb))))
        : null,
      answers: checks.get(target.id)!,
      ...(sqlStats && { topSql: await sqlStats.top(result.sent) }),
    },
    profiled: profiled.map((child) => child.name),
  };
}

/** Waits for the profiles of a run's processes, and summarises those that did any work. */
async function collectProfiles(
  dir: string,
  names: readonly string[],
  count: Map<string, number>,
  run: RunRecord,
): Promise<string[]> {
  const sections: string[] = [];
  for (const name of names) {
    const n = (count.get(name) ?? 0) + 1;
    count.set(name, n);
    const file = path.join(dir, `${name}.${n}.cpuprofile`);
    const deadline = Date.now() + 30_000;
    let profile: CpuProfile | undefined;
    while (!profile && Date.now() < deadline) {
      profile = await readFile(file, 'utf8')
        .then((text) => JSON.parse(text) as CpuProfile)
        .catch(() => undefined);
      if (!profile) await sleep(100);
    }
    if (!profile) {
      sections.push(
        `### ${run.title} · ${run.target} · ${run.connections} connections · ${name}\n\nno profile written\n`,
      );
      continue;
    }
    const summary = summarizeCpuProfile(profile, {
      root: ROOT,
      ...(bundles && { resolve: bundleSourceResolver(bundles.dir) }),
    });
    // Processes the workload did not touch (another agency's instance) are left out.
    if (summary.busyMs < 0.02 * summary.totalMs) continue;
    sections.push(
      formatProfileSummary(
        `${run.title} · ${run.target} · ${run.connections} connections · ${name} (${path.basename(file)})`,
        summary,
        run.load.sent,
      ),
    );
  }
  return sections;
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
    console.error(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    exitCode = 1;
  }
} finally {
  progress('stopping…');
  await Promise.all(gateways.map((gateway) => gateway.process.stop().catch(() => undefined)));
  await sqlStats?.close().catch(() => undefined);
  await graph?.stop();
  await bundles?.remove();
  await sink?.close();
  progress('stopped');
}
// Explicitly, as the seed CLI does: nothing left open (a keep-alive socket, a timer) keeps the
// process alive.
process.exit(exitCode);
