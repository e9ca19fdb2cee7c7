import { parseArgs } from 'node:util';
import { resolveSeedOptions } from '../scripts/seed/options.ts';
import { UsageError } from '../scripts/seed/parseSeedArgs.ts';
import { GATEWAY_IDS, type GatewayId } from './gateways/startGatewayUnderTest.ts';
import { WORKLOAD_IDS, type WorkloadId } from './scenarios.ts';
import type { AgencyLayout } from './startBenchGraph.ts';

/** What `npm run bench -- …` asked for, defaults applied. */
export interface BenchArgs {
  scale: number;
  /** Depth of the seeded history, as `npm run seed -- --history H` (3 with scale 44 is national). */
  history: number;
  /** Seconds of each measured run. */
  durationSeconds: number;
  /** Seconds of load before each measured run, not measured (JIT, pools, plan caches). */
  warmUpSeconds: number;
  /** Requests in flight at once, one run each. */
  connections: number[];
  /** Workloads to run (all when `--only` names none). */
  workloads: WorkloadId[];
  /** Gateways to run (all of the layout when `--only` names none). */
  gateways: GatewayId[] | undefined;
  /** Whether the single-subgraph lookup is also sent to the subgraph directly. */
  direct: boolean;
  agencies: AgencyLayout;
  /** Distinct callers (bearer tokens) the requests take in turn. */
  callers: number;
  /** Requests of each workload whose answers are compared across gateways. */
  samples: number;
  profile: boolean;
  /** PostgreSQL's `pg_stat_statements`: the statements that took the most time in each run. */
  sqlStats: boolean;
  smoke: boolean;
  label: string | undefined;
  out: string | undefined;
  /** Prometheus metrics in Sahem's gateway and the subgraphs (their cost is what `off` saves). */
  metrics: boolean;
  /** Spans in Sahem's gateway and the subgraphs, exported by OTLP to a sink of the bench's own. */
  tracing: boolean;
  /** Sahem's gateway: in-flight de-duplication of identical subgraph fetches (`GATEWAY_DEDUP`). */
  dedup: boolean;
  /** Sahem's gateway: the response cache of aggregate operations (30 s), or none. */
  responseCache: boolean;
  /** Sahem's gateway: worker processes sharing its port (`GATEWAY_WORKERS`). */
  workers: number;
  help: boolean;
}

/** How to call the bench. */
export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --scale N              seed size: N × 5,000 volunteers (as npm run seed)        default 1
  --history H            history depth: H × the programs and hour logs (as npm run seed)
                                                                                  default 1
  --duration S           seconds of each measured run                             default 10
  --warmup S             seconds of unmeasured load before each run               default 3
  --connections A,B      requests in flight, one run each                         default 1,32
  --only X,Y             workloads (1 2 3 4 lookup) and/or gateways
                         (sahem sahem-shared apollo hive direct) to run           default all
  --agencies LAYOUT      per-agency (one programs instance per agency) or shared  default per-agency
  --callers N            distinct bearer tokens the requests take in turn         default 64
  --samples N            requests per workload whose answers are compared         default 8
  --profile              CPU-profile every gateway and subgraph during each measured run
  --sql-stats            report the SQL statements that took most of PostgreSQL's time in each run
  --smoke                seconds, not minutes: tiny data, 0.5 s runs (CI; says nothing about speed)
  --label NAME           name of the results file                                 default scale<N>-<agencies>
  --out DIR              where results are written                                default bench/results
  --metrics on|off       Prometheus metrics in Sahem's gateway and the subgraphs  default on
  --tracing on|off       OpenTelemetry spans there, exported by OTLP to a sink    default off
  --dedup on|off         Sahem: share identical subgraph fetches in flight        default on
  --response-cache on|off  Sahem: cache answers of aggregate operations (30 s)    default off
  --workers N            Sahem: gateway worker processes sharing the port         default 1
  -h, --help             show this help`;

const number = (name: string, raw: string, { integer = false, min = 0 } = {}) => {
  const value = Number(raw);
  if (!/^\s*\d*\.?\d+\s*$/.test(raw) || !(value > min) || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} above ${min}, got "${raw}"`,
    );
  }
  return value;
};

/** Parses and checks the bench's arguments (without `node` and the script). */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        scale: { type: 'string' },
        history: { type: 'string', default: '1' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        only: { type: 'string' },
        agencies: { type: 'string', default: 'per-agency' },
        callers: { type: 'string', default: '64' },
        samples: { type: 'string' },
        profile: { type: 'boolean', default: false },
        'sql-stats': { type: 'boolean', default: false },
        smoke: { type: 'boolean', default: false },
        label: { type: 'string' },
        out: { type: 'string' },
        metrics: { type: 'string', default: 'on' },
        tracing: { type: 'string', default: 'off' },
        dedup: { type: 'string', default: 'on' },
        'response-cache': { type: 'string', default: 'off' },
        workers: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const smoke = values.smoke;
  // --smoke changes the defaults only: an explicit option still wins.
  const scale = number('scale', values.scale ?? (smoke ? '0.05' : '1'));
  const history = number('history', values.history, { integer: true });
  try {
    // The seed's own limits (history at most 10, volunteer ids), refused before anything starts.
    resolveSeedOptions({ scale, history });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const connections = (values.connections ?? (smoke ? '4' : '1,32'))
    .split(',')
    .map((part) => number('connections', part.trim(), { integer: true }));
  const warmUpRaw = values.warmup ?? (smoke ? '0' : '3');
  const warmUpSeconds = warmUpRaw.trim() === '0' ? 0 : number('warmup', warmUpRaw);
  if (values.agencies !== 'per-agency' && values.agencies !== 'shared') {
    throw new UsageError(`--agencies must be per-agency or shared, got "${values.agencies}"`);
  }
  const workloads: WorkloadId[] = [];
  const gateways: GatewayId[] = [];
  let direct = false;
  for (const token of (values.only ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    if ((WORKLOAD_IDS as readonly string[]).includes(token)) workloads.push(token as WorkloadId);
    else if ((GATEWAY_IDS as readonly string[]).includes(token)) gateways.push(token as GatewayId);
    else if (token === 'direct') direct = true;
    else {
      throw new UsageError(
        `--only takes workloads (${WORKLOAD_IDS.join(', ')}) and gateways (${[...GATEWAY_IDS, 'direct'].join(', ')}), got "${token}"`,
      );
    }
  }
  if (gateways.includes('sahem-shared') && values.agencies === 'shared') {
    throw new UsageError(
      'sahem-shared exists with --agencies per-agency only (with shared, sahem is it)',
    );
  }
  const onOff = (name: 'metrics' | 'tracing' | 'dedup' | 'response-cache') => {
    const value = values[name];
    if (value !== 'on' && value !== 'off') {
      throw new UsageError(`--${name} must be on or off, got "${value}"`);
    }
    return value === 'on';
  };
  const nothingChosen = gateways.length === 0 && !direct;
  return {
    scale,
    history,
    durationSeconds: number('duration', values.duration ?? (smoke ? '0.5' : '10')),
    warmUpSeconds,
    connections: [...new Set(connections)],
    workloads: workloads.length > 0 ? [...new Set(workloads)] : [...WORKLOAD_IDS],
    gateways: nothingChosen ? undefined : [...new Set(gateways)],
    direct: direct || nothingChosen,
    agencies: values.agencies,
    callers: number('callers', values.callers, { integer: true }),
    samples: number('samples', values.samples ?? (smoke ? '1' : '8'), { integer: true }),
    profile: values.profile,
    sqlStats: values['sql-stats'],
    smoke,
    label: values.label,
    out: values.out,
    metrics: onOff('metrics'),
    tracing: onOff('tracing'),
    dedup: onOff('dedup'),
    responseCache: onOff('response-cache'),
    workers: number('workers', values.workers, { integer: true }),
    help: values.help,
  };
}
