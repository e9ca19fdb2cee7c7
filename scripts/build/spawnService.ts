import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A service started as its own process. */
export interface SpawnedService {
  child: ChildProcess;
  /** The URL the service printed once listening (`… at http://127.0.0.1:4001/graphql`). */
  url: string;
  /** Milliseconds from spawn to that line. */
  startMs: number;
  /** Everything it printed so far. */
  output(): string;
  /** Resident memory of the process now, in bytes (Linux). */
  rss(): Promise<number>;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Spawns `command args` in a process group of its own, with `env` only (nothing inherited but
 * what is passed), and resolves
 * once it prints the URL it listens at, or rejects with its output when it exits first or
 * takes longer than `timeoutMs`.
 */
export function spawnService(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<SpawnedService> {
  const started = performance.now();
  // A process group of its own, so stop() reaches wrappers' children too (npx → sh → tsx → node).
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: 'pipe',
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup('SIGKILL');
      reject(new Error(`${args.join(' ')} did not listen in time:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = / at (https?:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        child,
        url: match[1]!,
        startMs: performance.now() - started,
        output: () => output,
        rss: async () => {
          const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        },
        stop: async (graceMs = 15_000) => {
          const running = child.exitCode === null && child.signalCode === null;
          if (running) signalGroup('SIGTERM');
          const deadline = Date.now() + graceMs;
          const code = running
            ? await Promise.race([exited, sleep(graceMs).then(() => null)])
            : child.exitCode;
          // Wait for every process of the group, not only the one spawned.
          while (signalGroup(0) && Date.now() < deadline) await sleep(50);
          signalGroup('SIGKILL');
          return code;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${output}`));
    });
  });
}
