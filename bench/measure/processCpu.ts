import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** The fields of `/proc/<pid>/stat` the bench reads. */
export interface ProcStat {
  pid: number;
  ppid: number;
  /** CPU time in clock ticks: user and system of the process (every thread), and of its reaped children. */
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The command name (field 2) is in parentheses and may hold
 * spaces and parentheses itself (`postgres: sahem programs 127.0.0.1(5432) idle`), so the
 * fields are counted from the last `)`.
 */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // After the command: state (0), ppid (1), … utime (11), stime (12), cutime (13), cstime (14).
  const fields = line
    .slice(close + 2)
    .trim()
    .split(' ');
  const field = (index: number) => {
    const value = Number(fields[index]);
    if (!Number.isFinite(value))
      throw new Error(`field ${index + 3} of /proc/${pid}/stat is not a number`);
    return value;
  };
  return {
    pid,
    ppid: field(1),
    utime: field(11),
    stime: field(12),
    cutime: field(13),
    cstime: field(14),
  };
}

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of the CPU times in `/proc` (100 on Linux almost everywhere). */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!(ticksPerSecond > 0)) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** Every process's `/proc/<pid>/stat` now, by pid (one scan of `/proc`). */
export async function readProcStats(): Promise<Map<number, ProcStat>> {
  const entries = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const stats = await Promise.all(
    entries.map((entry) =>
      readFile(`/proc/${entry}/stat`, 'utf8').then(parseProcStat, () => undefined),
    ),
  );
  return new Map(stats.flatMap((stat) => (stat ? [[stat.pid, stat] as const] : [])));
}

const toMs = (ticks: number) => (ticks * 1000) / clockTicksPerSecond();

/**
 * CPU milliseconds a process has used so far, every thread included (V8's compiler and GC
 * threads, libuv's pool), and its children that have exited. A process that is gone counts 0.
 */
export function processCpuMs(stats: ReadonlyMap<number, ProcStat>, pid: number): number {
  const stat = stats.get(pid);
  return stat ? toMs(stat.utime + stat.stime + stat.cutime + stat.cstime) : 0;
}

/** `pid` and every process below it. */
export function processTree(stats: ReadonlyMap<number, ProcStat>, pid: number): ProcStat[] {
  const root = stats.get(pid);
  if (!root) return [];
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const stat of stats.values()) if (stat.ppid === tree[i]!.pid) tree.push(stat);
  }
  return tree;
}

/**
 * CPU milliseconds of a process tree: a PostgreSQL postmaster and its backends. A backend that
 * exited has its time added to the postmaster's `cutime` when it is reaped, so the total only
 * grows, whichever connections come and go between two readings.
 */
export function treeCpuMs(stats: ReadonlyMap<number, ProcStat>, pid: number): number {
  return toMs(
    processTree(stats, pid).reduce(
      (sum, stat) =>
        sum + stat.utime + stat.stime + (stat.pid === pid ? stat.cutime + stat.cstime : 0),
      0,
    ),
  );
}
