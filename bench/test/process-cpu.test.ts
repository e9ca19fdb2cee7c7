import { describe, expect, it } from 'vitest';
import {
  clockTicksPerSecond,
  parseProcStat,
  processCpuMs,
  processTree,
  readProcStats,
  treeCpuMs,
  type ProcStat,
} from '../measure/processCpu.ts';

// `/proc/<pid>/stat` lines as Linux writes them: pid, (comm), state, ppid, … utime stime cutime cstime …
const line = (pid: number, comm: string, ppid: number, times: [number, number, number, number]) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1 0 0 0 ${times.join(' ')} 20 0 1 0 100 1000 10 18446744073709551615`;

describe('reading CPU time from /proc', () => {
  it.each([
    [
      'node',
      line(42, 'node', 1, [120, 30, 0, 0]),
      { pid: 42, ppid: 1, utime: 120, stime: 30, cutime: 0, cstime: 0 },
    ],
    [
      'a PostgreSQL backend, whose title has spaces and parentheses',
      line(77, 'postgres: sahem programs 127.0.0.1(5432) idle', 70, [5, 2, 0, 0]),
      { pid: 77, ppid: 70, utime: 5, stime: 2 },
    ],
    [
      'a postmaster with reaped children',
      line(70, 'postgres', 1, [10, 10, 300, 40]),
      { cutime: 300, cstime: 40 },
    ],
  ])('parses %s', (_, text, expected) => {
    expect(parseProcStat(text)).toMatchObject(expected);
  });

  it('refuses what is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow(/not a \/proc/);
  });

  const stats = new Map<number, ProcStat>(
    [
      line(70, 'postgres', 1, [10, 10, 300, 40]),
      line(77, 'postgres: backend', 70, [5, 2, 0, 0]),
      line(78, 'postgres: checkpointer', 70, [1, 1, 0, 0]),
      line(90, 'node', 1, [200, 50, 7, 3]),
      line(91, 'unrelated', 90, [1000, 0, 0, 0]),
    ].map((text) => {
      const stat = parseProcStat(text);
      return [stat.pid, stat];
    }),
  );
  const ms = (ticks: number) => (ticks * 1000) / clockTicksPerSecond();

  it("counts a process's own time and its reaped children's, not its live children's", () => {
    expect(processCpuMs(stats, 90)).toBe(ms(200 + 50 + 7 + 3));
    expect(processCpuMs(stats, 12345)).toBe(0);
  });

  it('counts a postmaster with its live backends and the backends it reaped', () => {
    expect(processTree(stats, 70).map((stat) => stat.pid)).toEqual([70, 77, 78]);
    expect(treeCpuMs(stats, 70)).toBe(ms(10 + 10 + 300 + 40 + 5 + 2 + 1 + 1));
  });

  it('reads this process from the real /proc', async () => {
    const live = await readProcStats();
    expect(live.get(process.pid)?.ppid).toBe(process.ppid);
    expect(processCpuMs(live, process.pid)).toBeGreaterThan(0);
  });
});
