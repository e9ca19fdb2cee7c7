import { spawn } from 'node:child_process';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A process the bench started: a subgraph, a gateway under test. */
export interface BenchProcess {
  /** What the report calls it: `programs:SCD`, `hive`. */
  name: string;
  pid: number;
  /** Everything it printed so far (the last 64 KiB). */
  output(): string;
  /** True once it has exited. */
  exited(): boolean;
  /** Sends a signal to the process itself (profiling toggles with SIGUSR2). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves once the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** How to start one process and when it is ready. */
export interface SpawnOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  /** The whole environment: nothing is inherited, so a developer's shell cannot change a run. */
  env: Record<string, string>;
  /** Resolves true once the process answers (a `/health` probe). */
  ready(): Promise<boolean>;
  /** @default 120000 */
  timeoutMs?: number;
}

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Spawns a process in a process group of its own (so `stop` reaches anything it starts) and
 * resolves once `ready()` says so, or rejects with what it printed when it exits first or is not
 * ready in time (after stopping it).
 */
export async function spawnBenchProcess(options: SpawnOptions): Promise<BenchProcess> {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exitCode: number | string | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    }),
  );
  child.once('error', (error) => append(Buffer.from(String(error))));
  const group = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  const handle: BenchProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    output: () => output,
    exited: () => exitCode !== undefined,
    signal: (signal) => {
      if (exitCode === undefined) child.kill(signal);
    },
    stop: async (graceMs = 15_000) => {
      if (child.pid === undefined) return;
      group('SIGTERM');
      const deadline = Date.now() + graceMs;
      await Promise.race([exit, sleep(graceMs)]);
      // Wait for the whole group, not only the process spawned.
      while (group(0) && Date.now() < deadline) await sleep(50);
      group('SIGKILL');
      await Promise.race([exit, sleep(1_000)]);
    },
  };
  if (child.pid === undefined) {
    await Promise.race([exit, sleep(1_000)]);
    throw new Error(`${options.name} did not start: ${output}`);
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`${options.name} exited (${exitCode}) before it was ready:\n${output}`);
    }
    if (await options.ready().catch(() => false)) return handle;
    if (Date.now() > deadline) {
      await handle.stop(2_000);
      throw new Error(`${options.name} was not ready in time:\n${output}`);
    }
    await sleep(200);
  }
}

/** A readiness probe: true once `url` answers `expect` (a status) to `init`. */
export function httpProbe(
  url: string,
  init: RequestInit = {},
  expect = 200,
): () => Promise<boolean> {
  return async () => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === expect;
  };
}
