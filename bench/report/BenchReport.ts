import type { GatewayId } from '../gateways/startGatewayUnderTest.ts';
import type { CpuPlan } from '../measure/pinToCpu.ts';
import type { LoadResult } from '../measure/runLoad.ts';
import type { SqlStat } from '../measure/sqlStats.ts';
import type { WorkloadId } from '../scenarios.ts';
import type { AgencyLayout, StartupTimings } from '../startBenchGraph.ts';

/** Who answered a run: a gateway under test, or the subgraph itself. */
export type TargetId = GatewayId | 'direct';

/** How a target's answers compared with the reference gateway's on the sampled requests. */
export type AnswerCheck =
  | { state: 'reference' }
  | { state: 'equal' }
  /**
   * Equal but for counts merged from HyperLogLog sketches (and the scorecard figures computed
   * from them), each within its tolerance: `maxDeviation` the largest, a fraction, `at` where;
   * `tippedStatuses` the statuses their values judged differently.
   */
  | { state: 'approximate'; maxDeviation: number; at: string; tippedStatuses: number }
  | { state: 'differs'; note: string }
  | { state: 'failed'; note: string };

/** CPU milliseconds per request, by side; null where a side took no part. */
export interface CpuPerRequest {
  /** The gateway process under test. */
  gateway: number | null;
  /** Every subgraph process together. */
  subgraphs: number;
  /** The subgraphs' PostgreSQL cluster. */
  postgres: number;
  /** Sahem's audit-trail PostgreSQL (Sahem's cost, not the subgraphs'). */
  audit: number | null;
}

/** One measured run: one workload, one target, one concurrency. */
export interface RunRecord {
  workload: WorkloadId;
  title: string;
  target: TargetId;
  connections: number;
  load: LoadResult;
  cpuMsPerRequest: CpuPerRequest;
  /** SQL statements the subgraphs sent per request (counted on their pools). */
  sqlPerRequest: number;
  /** Peak RSS of the gateway process during the run. */
  gatewayPeakRssMb: number | null;
  answers: AnswerCheck;
  /** With `--sql-stats`: the statements of most PostgreSQL time in the run, per request. */
  topSql?: SqlStat[];
}

/** Everything a bench run measured; written as JSON beside the Markdown. */
export interface BenchReport {
  startedAt: string;
  label: string;
  scale: number;
  /** Depth of the seeded history (absent in results written before `--history`: 1). */
  history?: number;
  volunteers: number;
  layout: AgencyLayout;
  smoke: boolean;
  profiled: boolean;
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    /** `/proc/loadavg` at the start and the end: other work on the machine shows here. */
    loadAverage: { start: string; end: string };
  };
  /** Which core ran what; null when unpinned (and why). */
  pinning: CpuPlan | { unpinned: string };
  durationSeconds: number;
  warmUpSeconds: number;
  connections: number[];
  callers: number;
  targets: TargetId[];
  /** What each workload varies, and how many distinct requests its sequence holds. */
  variables: Record<string, { distinct: number; example: Record<string, unknown> }>;
  startup: StartupTimings & { gatewaysMs: number; totalMs: number };
  /** What Sahem's processes kept besides answering (`--metrics`, `--tracing`), and OTLP exports received. */
  observability?: { metrics: boolean; tracing: boolean; spanExports?: number };
  /** Sahem's gateway options (`--dedup`, `--response-cache`, `--workers`). */
  sahem?: { dedup: boolean; responseCache: boolean; workers: number };
  runs: RunRecord[];
  /** Peak RSS of every subgraph process, over the whole bench. */
  subgraphPeakRssMb: Record<string, number>;
}
