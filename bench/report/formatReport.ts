import { GATEWAY_TITLES } from '../gateways/startGatewayUnderTest.ts';
import type { AnswerCheck, BenchReport, RunRecord, TargetId } from './BenchReport.ts';

const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
const fixed = (value: number | null, digits: number) =>
  value === null ? '–' : value.toFixed(digits);
/** Two significant decimals below 10, one below 100, none above: a table that reads at a glance. */
export function readable(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return value.toFixed(magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0);
}

function errors(run: RunRecord): string {
  const { non2xx, graphqlErrors, transportErrors } = run.load;
  const total = non2xx + graphqlErrors + transportErrors;
  if (total === 0) return '0';
  const parts = [
    non2xx && `${non2xx} non-2xx`,
    graphqlErrors && `${graphqlErrors} GraphQL`,
    transportErrors && `${transportErrors} transport`,
  ].filter(Boolean);
  return `**${total}** (${parts.join(', ')})`;
}

function answers(check: AnswerCheck): string {
  switch (check.state) {
    case 'reference':
      return 'reference';
    case 'equal':
      return 'equal';
    case 'approximate': {
      const n = check.tippedStatuses;
      const tipped = n === 0 ? '' : `, ${n} status${n === 1 ? '' : 'es'} tipped`;
      return `approximate (max deviation ${(check.maxDeviation * 100).toFixed(2)} %${tipped})`;
    }
    case 'differs':
      return `**differs**: ${check.note}`;
    case 'failed':
      return `**failed**: ${check.note}`;
  }
}

const HEADER = [
  'workload',
  'gateway',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'errors',
  'answers',
  'gateway CPU ms/req',
  'subgraphs CPU ms/req',
  'PostgreSQL CPU ms/req',
  'audit DB CPU ms/req',
  'SQL/req',
  'gateway peak RSS MB',
];

/** The results of one concurrency as a Markdown table. */
export function resultsTable(runs: readonly RunRecord[]): string {
  const rows = runs.map((run) => [
    run.title,
    run.target,
    readable(run.load.requestsPerSecond),
    readable(run.load.latencyMs.p50),
    readable(run.load.latencyMs.p95),
    readable(run.load.latencyMs.p99),
    errors(run),
    answers(run.answers),
    run.cpuMsPerRequest.gateway === null ? '–' : readable(run.cpuMsPerRequest.gateway),
    readable(run.cpuMsPerRequest.subgraphs),
    readable(run.cpuMsPerRequest.postgres),
    run.cpuMsPerRequest.audit === null ? '–' : readable(run.cpuMsPerRequest.audit),
    readable(run.sqlPerRequest),
    fixed(run.gatewayPeakRssMb, 0),
  ]);
  return [HEADER, HEADER.map(() => '---'), ...rows]
    .map((row) => `| ${row.join(' | ')} |`)
    .join('\n');
}

const find = (report: BenchReport, workload: string, target: TargetId, connections: number) =>
  report.runs.find(
    (run) => run.workload === workload && run.target === target && run.connections === connections,
  );

/** The issue's targets, each with what this run measured (no verdict hidden, none invented). */
export function targetLines(report: BenchReport): string[] {
  const lines: string[] = [];
  const most = Math.max(...report.connections);
  const one = report.connections.includes(1) ? 1 : undefined;
  const sahems = (['sahem', 'sahem-shared'] as const).filter((id) => report.targets.includes(id));
  const workloads = [...new Set(report.runs.map((run) => run.workload))];
  for (const [peer, factor] of [
    ['apollo', 1],
    ['hive', 0.67],
  ] as const) {
    if (!report.targets.includes(peer)) continue;
    for (const sahem of sahems) {
      const ratios = workloads.flatMap((workload) => {
        const ours = find(report, workload, sahem, most)?.cpuMsPerRequest.gateway;
        const theirs = find(report, workload, peer, most)?.cpuMsPerRequest.gateway;
        return ours && theirs ? [`${workload}: ${(ours / theirs).toFixed(2)}×`] : [];
      });
      if (ratios.length === 0) continue;
      lines.push(
        `- Gateway CPU per request, \`${sahem}\` ÷ \`${peer}\` (target ≤ ${factor}×), ${most} connections: ${ratios.join(', ')}`,
      );
    }
  }
  for (const sahem of sahems) {
    for (const connections of report.connections) {
      const ours = find(report, 'lookup', sahem, connections)?.load.latencyMs.p50;
      const direct = find(report, 'lookup', 'direct', connections)?.load.latencyMs.p50;
      if (ours && direct) {
        lines.push(
          `- Lookup p50 through \`${sahem}\` ÷ the subgraph directly (target ≤ 1.2×), ${connections} connection${connections > 1 ? 's' : ''}: ${readable(ours)} ms ÷ ${readable(direct)} ms = ${(ours / direct).toFixed(2)}×`,
        );
      }
    }
  }
  const rps = ['1', '2'].flatMap((workload) => {
    const run = find(report, workload, 'sahem', most);
    return run ? [`${workload}: ${readable(run.load.requestsPerSecond)} req/s`] : [];
  });
  if (rps.length > 0) {
    lines.push(
      `- Scenarios 1 and 2 end to end through \`sahem\` (target ≥ 400 req/s), ${most} connections: ${rps.join(', ')}`,
    );
  }
  if (one) {
    const p95 = ['1', '4'].flatMap((workload) => {
      const run = find(report, workload, 'sahem', one);
      return run ? [`${workload}: ${readable(run.load.latencyMs.p95)} ms`] : [];
    });
    if (p95.length > 0) {
      lines.push(
        `- Scenarios 1 and 4 p95 one at a time through \`sahem\` (target ≤ 50 ms at 200,000 volunteers; this run: ${report.volunteers.toLocaleString('en')}): ${p95.join(', ')}`,
      );
    }
  }
  const subgraphCpu = ['1', '2', '3'].flatMap((workload) => {
    const run = find(report, workload, 'sahem', most);
    return run
      ? [
          `${workload}: ${readable(run.cpuMsPerRequest.subgraphs)} + ${readable(run.cpuMsPerRequest.postgres)} ms`,
        ]
      : [];
  });
  if (subgraphCpu.length > 0) {
    lines.push(
      `- Subgraph side per request through \`sahem\` (subgraph processes + PostgreSQL; target: a tenth of the baseline), ${most} connections: ${subgraphCpu.join(', ')}`,
    );
  }
  const rss = report.runs.filter(
    (run) => run.gatewayPeakRssMb !== null && run.target.startsWith('sahem'),
  );
  if (rss.length > 0) {
    lines.push(
      `- Peak RSS of Sahem's gateway under load (target ≤ 300 MB per worker): ${Math.max(...rss.map((run) => run.gatewayPeakRssMb!)).toFixed(0)} MB`,
    );
  }
  return lines;
}

/** The fairness rules the numbers were taken under, as the report states them. */
export function fairnessNotes(report: BenchReport): string[] {
  const pinning =
    'unpinned' in report.pinning
      ? `**Not pinned** (${report.pinning.unpinned}): every process shares every core, so CPU per request is still attributed per process but latency and throughput include contention.`
      : `Pinned with \`taskset\`: the gateway under test alone on core ${report.pinning.gateway}; the subgraphs, both PostgreSQL clusters and the load generator (autocannon, in the bench process) on core ${report.pinning.rest}. Every gateway gets the same core.`;
  return [
    `- **Same run, same everything.** Every gateway answers the same subgraph processes, the same supergraph file (the committed one with this run's URLs) and the same sequence of requests (bodies and \`Authorization\` headers, in order), one gateway at a time, workload by workload. ${pinning}`,
    "- **Sahem pays for its security, the peers do not.** Sahem's gateway runs `gateway/src/index.ts` with `SAHEM_PRODUCTION=true`: bearer JWT verified against the identity provider's JWKS, a caller token signed for every subgraph request (audience per subgraph or agency instance, bound to the body, one-time), the authorization directives, every operation limit and the cost budget, rate limiting (in memory, budget out of reach), the audit trail (written to its own PostgreSQL: the `audit DB` column) and trusted documents enforced (`GATEWAY_PERSISTED_DOCUMENTS=enforce`, full text matched on its normal form). `@apollo/gateway` (in Apollo Server, no plugins) and Hive Gateway (its CLI, defaults) verify, sign and enforce nothing.",
    "- **The subgraphs verify a caller token when there is one** and otherwise act for a fixed platform admin (bench harness only: `bench/processes/benchAuthenticator.ts`), so peers that cannot mint caller tokens can be measured at all. The subgraph side of Sahem's runs includes verifying its tokens.",
    `- **Unique requests.** Variables vary request by request (periods, region × skill × hours, programs, volunteers; see below) and the callers rotate over distinct tokens, so that a response cache or de-duplication of identical requests in flight helps little; Hive Gateway's in-flight de-duplication of identical subgraph requests (on by default) stays on${report.sahem ? `, Sahem's is ${report.sahem.dedup ? 'on' : 'off'}` : ''}. ${report.sahem?.responseCache ? "**Sahem's response cache of aggregate operations is on (30 s)**: the peers have none, so its aggregate workloads are not compared like for like." : 'No gateway has a response cache on.'}`,
    '- **Equal header handling.** Every request carries `content-type: application/json`, `accept: application/json` and an `Authorization: Bearer` header; the peers receive it and ignore it.',
    "- **CPU per request** is read from `/proc/<pid>/stat` (user + system, every thread) of the processes the bench started, before and after each run once they are idle again, divided by the requests sent. The gateway, the subgraphs (every subgraph process), the subgraphs' PostgreSQL and Sahem's audit PostgreSQL are counted apart. Other work on the machine does not enter these figures; it does enter latency and throughput (see the load average).",
    '- **Errors** are answers outside 2xx and 2xx answers with GraphQL `errors`; the sampled answers of every gateway are compared with the reference (the first gateway over one programs instance). With one instance per agency, counts merged from HyperLogLog sketches are estimates of the exact counts one instance gives (≈ within 3 %).',
    "- Our processes run as production runs them: plain JavaScript bundles compiled as `npm run build` compiles the services (esbuild, `node_modules` external); the peers run their published JavaScript. Sahem's gateway and subgraphs keep their Prometheus metrics (unless `--metrics off`) and write their request log at `warn` (one line per request would be read by the bench process, on the load generator's core).",
  ];
}

/** The whole report as Markdown, with the chart file beside it. */
export function formatReport(report: BenchReport, chartFile: string | undefined): string {
  const { machine } = report;
  const sections = [
    `# Sahem bench: ${report.label}`,
    '',
    `${report.startedAt} · scale ${report.scale}${(report.history ?? 1) === 1 ? '' : `, history ${report.history}`} (${report.volunteers.toLocaleString('en')} volunteers) · programs ${report.layout === 'per-agency' ? 'one instance per agency' : 'one shared instance'} · Node ${machine.node} · ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB · load average ${machine.loadAverage.start} at the start, ${machine.loadAverage.end} at the end${observability(report)}${sahemOptions(report)}${report.smoke ? ' · **smoke run: says nothing about speed**' : ''}${report.profiled ? ' · **profiled: the profiler slows every process, compare with unprofiled runs only**' : ''}`,
    '',
    `Each run: ${report.warmUpSeconds} s of unmeasured load, then ${report.durationSeconds} s measured, closed loop (autocannon), over ${report.callers} distinct callers. Gateways: ${report.targets.map((target) => `\`${target}\` (${GATEWAY_TITLES[target]})`).join(', ')}.`,
  ];
  if (chartFile) sections.push('', `![requests per second and CPU per request](${chartFile})`);
  for (const connections of report.connections) {
    sections.push(
      '',
      `## ${connections} connection${connections > 1 ? 's' : ''}`,
      '',
      resultsTable(report.runs.filter((run) => run.connections === connections)),
    );
  }
  const targets = targetLines(report);
  if (targets.length > 0) sections.push('', '## Against the targets of issue 13', '', ...targets);
  const sql = topSqlLines(report.runs);
  if (sql.length > 0) sections.push('', '## SQL that took the time (`--sql-stats`)', '', ...sql);
  sections.push('', '## Fairness', '', ...fairnessNotes(report));
  sections.push(
    '',
    '## Variables',
    '',
    ...Object.entries(report.variables).map(
      ([workload, { distinct, example }]) =>
        `- ${workload}: ${distinct} distinct requests in turn, e.g. \`${JSON.stringify(example)}\``,
    ),
  );
  const { startup } = report;
  sections.push(
    '',
    '## Start-up and memory',
    '',
    `PostgreSQL ${seconds(startup.postgresMs)} · migrations ${seconds(startup.migrateMs)} · seed ${seconds(startup.seedMs)} · subgraph processes ${seconds(startup.subgraphsMs)} · gateways ${seconds(startup.gatewaysMs)} · total ${seconds(startup.totalMs)}.`,
    '',
    `Peak RSS of the subgraph processes over the whole bench: ${Object.entries(
      report.subgraphPeakRssMb,
    )
      .map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`)
      .join(', ')}.`,
  );
  return `${sections.join('\n')}\n`;
}

/**
 * Per run, the statements of most PostgreSQL execution time (`pg_stat_statements`, normalised):
 * where to point `EXPLAIN ANALYZE` next. The text is cut here; the JSON keeps 2,000 characters.
 */
export function topSqlLines(runs: readonly RunRecord[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    if (!run.topSql?.length) continue;
    lines.push(
      `### ${run.title} · ${run.target} · ${run.connections} connection${run.connections > 1 ? 's' : ''}`,
      '',
      '| database | calls/req | ms/req | mean ms | statement |',
      '| --- | --- | --- | --- | --- |',
      ...run.topSql.map(
        (stat) =>
          `| ${stat.database} | ${readable(stat.callsPerRequest)} | ${readable(stat.msPerRequest)} | ${readable(stat.meanMs)} | \`${stat.query.slice(0, 160).replaceAll('|', '\\|').replaceAll('`', "'")}${stat.query.length > 160 ? '…' : ''}\` |`,
      ),
      '',
    );
  }
  return lines;
}

/** The header's note on Sahem's de-duplication, response cache and workers. */
function sahemOptions(report: BenchReport): string {
  const o = report.sahem;
  if (!o) return '';
  return ` · Sahem's de-duplication ${o.dedup ? 'on' : 'off'}, response cache ${o.responseCache ? 'on (30 s)' : 'off'}, ${o.workers} worker${o.workers > 1 ? 's' : ''}`;
}

/** The header's note on metrics and tracing in Sahem's processes, when either differs from production's default. */
function observability(report: BenchReport): string {
  const o = report.observability;
  if (!o || (o.metrics && !o.tracing)) return '';
  return ` · Sahem's metrics ${o.metrics ? 'on' : 'off'}, tracing ${o.tracing ? `on (${o.spanExports ?? 0} OTLP exports received)` : 'off'}`;
}
