import { readFile, writeFile } from 'node:fs/promises';

/**
 * Resets the peak resident set size the kernel keeps for a process (`VmHWM`), so the next
 * {@link peakRssMb} says what one run needed, not what start-up did. Linux 4.0+; false when the
 * kernel refuses (the peak then covers the process's whole life so far).
 */
export async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak resident set size of a process since start or since {@link resetPeakRss}, in MiB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
