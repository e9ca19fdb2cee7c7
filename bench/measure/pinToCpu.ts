import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { processTree, readProcStats } from './processCpu.ts';

const run = promisify(execFile);

/** Which core runs what, when the machine has two or more and `taskset` is installed. */
export interface CpuPlan {
  /** The gateway under test, alone. */
  gateway: number;
  /** Subgraphs, PostgreSQL and the load generator (this process). */
  rest: number;
}

/**
 * The pinning plan: the gateway on core 0, everything else on core 1, so each gateway gets the
 * same core and its CPU time is not mixed with the subgraphs'. Undefined when `taskset`
 * (util-linux) is missing or there is one core: the bench then runs unpinned and says so.
 */
export async function cpuPlan(): Promise<CpuPlan | undefined> {
  if (os.availableParallelism() < 2) return undefined;
  try {
    await run('taskset', ['--version']);
  } catch {
    return undefined;
  }
  return { gateway: 0, rest: 1 };
}

/**
 * Pins every thread of `pid` to `cpu` (`taskset -a -p -c`). Threads and processes it starts later
 * inherit the mask, so pinning a PostgreSQL postmaster pins the backends it forks from then on.
 */
export async function pinToCpu(pid: number, cpu: number): Promise<void> {
  await run('taskset', ['-a', '-p', '-c', String(cpu), String(pid)]);
}

/** Pins `pid` and every process below it now (a gateway's workers) to `cpu`. */
export async function pinTreeToCpu(pid: number, cpu: number): Promise<void> {
  for (const { pid: member } of processTree(await readProcStats(), pid)) {
    await pinToCpu(member, cpu);
  }
}
