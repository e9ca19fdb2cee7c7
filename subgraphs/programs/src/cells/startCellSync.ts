import { NoServiceTokenError, type CellSyncReport } from './syncParticipantCells.ts';

/** Options of {@link startCellSync}. */
export interface CellSyncLoopOptions {
  /** One run (usually `() => syncParticipantCells(…)`). */
  run: () => Promise<CellSyncReport>;
  /** Time between the end of one run and the start of the next. @default 600000 */
  intervalMs?: number;
  /** Delay before the first run, so the instance serves first. @default 5000 */
  firstDelayMs?: number;
  log: (line: string) => void;
}

/** A running cell sync. */
export interface CellSyncLoop {
  /** Stops the timer and waits for a run in progress to end. */
  stop(): Promise<void>;
}

/**
 * Runs the cell sync now and then on a timer that does not keep the process alive. A failed run
 * (the gateway down at start, a refused answer) is logged and the next one tries again: the
 * cells only grow older, and the instance keeps serving. Runs never overlap. Without a service
 * token ({@link NoServiceTokenError}) the sync is idle: said once, not at every run, and it
 * resumes by itself once the token file holds a token.
 */
export function startCellSync(options: CellSyncLoopOptions): CellSyncLoop {
  const intervalMs = options.intervalMs ?? 600_000;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let stopped = false;
  let idle = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = once().finally(() => {
        current = undefined;
        schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  };
  const once = async () => {
    const started = performance.now();
    try {
      const report = await options.run();
      idle = false;
      const ms = Math.round(performance.now() - started);
      if (report.asked > 0 || report.deleted > 0) {
        options.log(
          `cell sync: ${report.upserted} of ${report.asked} participants refreshed, ${report.withheld} withheld by the register, ${report.deleted} cells removed, in ${ms} ms`,
        );
      }
    } catch (error) {
      if (error instanceof NoServiceTokenError) {
        if (!idle) options.log('cell sync idle: no service token in the token file yet');
        idle = true;
        return;
      }
      idle = false;
      options.log(`cell sync failed, next try in ${intervalMs} ms: ${(error as Error).message}`);
    }
  };
  schedule(options.firstDelayMs ?? 5_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
