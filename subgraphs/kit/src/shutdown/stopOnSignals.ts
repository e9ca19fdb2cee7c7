import type { ShutdownOptions } from '../serveHttp.ts';

/** Options of {@link stopOnSignals}. */
export interface StopOnSignalsOptions {
  /** Drain after SIGTERM (`SAHEM_SHUTDOWN_DRAIN_MS`). */
  drainMs: number;
  /** Bound on requests in flight (`SAHEM_SHUTDOWN_TIMEOUT_MS`). */
  timeoutMs: number;
  /** @default console.log */
  log?: (line: string) => void;
  /** @default process.exit */
  exit?: (code: number) => void;
}

/**
 * Stops a service cleanly on SIGTERM and SIGINT, then exits 0 (1 if stopping failed). SIGTERM
 * is an orchestrator's: `/ready` turns 503 and requests are served for the drain period while
 * the load balancer moves away. SIGINT is a person's Ctrl-C: nobody routes traffic to a
 * terminal, so it skips the drain. A second signal while stopping changes nothing.
 */
export function stopOnSignals(
  stop: (shutdown: ShutdownOptions) => Promise<void>,
  options: StopOnSignalsOptions,
): void {
  const log = options.log ?? console.log;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const drainMs = signal === 'SIGTERM' ? options.drainMs : 0;
    log(
      `${signal}: stopping (drain ${drainMs} ms, then at most ${options.timeoutMs} ms for requests in flight)`,
    );
    stop({ drainMs, timeoutMs: options.timeoutMs }).then(
      () => exit(0),
      (error: unknown) => {
        log(`stopping failed: ${(error as Error).message}`);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
