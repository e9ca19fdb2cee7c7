/** The abort signal of one subgraph fetch, and what to call when its response's headers arrive. */
export interface DeadlineSignal {
  signal: AbortSignal;
  /** The response has begun: its body gets `graceMs` more, then the fetch is aborted all the same. */
  answered(): void;
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
  const abort = () =>
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  const timer = setTimeout(() => {
    setImmediate(() => {
      if (!answered) abort();
    });
  }, leftMs);
  return {
    signal: controller.signal,
    answered() {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      // Aborting a fetch whose body has been read does nothing; the timer keeps no process alive.
      setTimeout(abort, graceMs).unref();
    },
  };
}
