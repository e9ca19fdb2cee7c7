/** What was started, to be stopped in reverse order. */
export interface StopStack {
  /** Registers how to stop something that has just started. */
  own(step: () => Promise<void>): void;
  /** Runs every step, last started first; a failing step is logged and the rest still run. */
  stop(): Promise<void>;
}

/**
 * A stack of stop steps that is emptied once, however often `stop` is called. Something that
 * finishes starting after the stop has begun (a start that was already under way when Ctrl-C
 * came) is stopped as soon as it registers, never left running.
 */
export function createStopStack(log: (line: string) => void): StopStack {
  const steps: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  const run = (step: () => Promise<void>) => step().catch((error) => log(String(error)));
  return {
    own(step) {
      if (stopping) void stopping.then(() => run(step));
      else steps.push(step);
    },
    stop: () =>
      (stopping ??= (async () => {
        for (const step of steps.reverse()) await run(step);
      })()),
  };
}
