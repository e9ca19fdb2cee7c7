/** The abort signal of one subgraph fetch, and what to call when its response's headers arrive. */
export interface DeadlineSignal {
  signal: AbortSignal;
  /** The response has begun: its body gets `graceMs` more, then the fetch is aborted all the same. */
  answered(): void;
  /**
   * The response has been read to its end (or released): nothing is left to abort, so no timer
   * stays behind to abort it (an abort of a finished fetch still builds its error and runs).
   */
  done(): void;
}

/**
 * Aborts a fetch not answered within `leftMs`, as `AbortSignal.timeout` does, with two
 * differences that keep a write the subgraph committed in time from being reported as failed:
 * when the timer fires, the I/O already received is read first (a busy event loop runs late
 * timers before the sockets it has not polled yet), and a response whose headers arrived in time
 * gets `graceMs` to deliver its body.
 */
export function deadlineSignal(leftMs: number, graceMs: number): DeadlineSignal {
  const controller = new AbortController();
  let answered = false;
  let finished = false;
  const abort = () => {
    if (!finished)
      controller.abort(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      );
  };
  const timer = setTimeout(() => {
    setImmediate(() => {
      if (!answered) abort();
    });
  }, leftMs);
  let grace: NodeJS.Timeout | undefined;
  return {
    signal: controller.signal,
    answered() {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      // The timer keeps no process alive.
      if (!finished) grace = setTimeout(abort, graceMs).unref();
    },
    done() {
      finished = true;
      clearTimeout(timer);
      clearTimeout(grace);
    },
  };
}
