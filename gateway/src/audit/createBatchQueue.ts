/** Options of {@link createBatchQueue}. */
export interface BatchQueueOptions<T> {
  /** Writes one batch durably. A rejection keeps the batch at the head of the queue for a retry. */
  write(batch: readonly T[]): Promise<void>;
  /** Items held in memory at most (queued and being written); beyond it `push` waits. @default 10000 */
  maxQueue?: number;
  /** Items per write at most; a full batch is written at once. @default 200 */
  batchSize?: number;
  /** A partial batch is written this long after it started to fill. @default 200 */
  flushIntervalMs?: number;
  /** Longest pause between two attempts at a failing write (the pause doubles up to it). @default 5000 */
  maxRetryDelayMs?: number;
  /** How long `stop()` keeps retrying a failing write before it gives up. @default 10000 */
  stopTimeoutMs?: number;
  /** Receives write failures and, as a last resort, the items `stop()` could not write. */
  log?: (line: string) => void;
}

/** A bounded queue drained in batches by one background writer. */
export interface BatchQueue<T> {
  /**
   * Hands `item` to the writer. Resolves at once while there is room, otherwise once the writer
   * has made room (backpressure: an item is never dropped). Rejects after `stop()`.
   */
  push(item: T): Promise<void>;
  /** Resolves once every item pushed before the call has been written. */
  flush(): Promise<void>;
  /**
   * Refuses new items and writes every item pushed so far, waiting ones included. Safe to call
   * twice. Rejects only if the writer keeps failing past `stopTimeoutMs`, after logging them.
   */
  stop(): Promise<void>;
  /** Items pushed (or waiting for room) and not written yet. */
  readonly pending: number;
}

/**
 * The audit trail's write-behind buffer. Items are written in the order they were pushed, in
 * batches of up to `batchSize`: as soon as a batch is full, otherwise `flushIntervalMs` after the
 * first item arrived. One write runs at a time, so a slow database makes the queue grow instead
 * of piling up connections; once `maxQueue` items are held, `push` waits for the writer (FIFO).
 */
export function createBatchQueue<T>(options: BatchQueueOptions<T>): BatchQueue<T> {
  const maxQueue = options.maxQueue ?? 10_000;
  const batchSize = options.batchSize ?? 200;
  const flushIntervalMs = options.flushIntervalMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  if (!(maxQueue >= 1 && batchSize >= 1))
    throw new RangeError('maxQueue and batchSize must be ≥ 1');

  const queue: T[] = [];
  let inFlight = 0;
  // Pushes beyond maxQueue, admitted in arrival order as batches are written.
  const waiting: { item: T; admitted: () => void }[] = [];
  // Items are written strictly in push order, so "written" is always a prefix: flush() waits
  // for a count rather than for the queue to empty (which could never happen under load).
  let pushed = 0;
  let written = 0;
  let writing: Promise<void> | undefined;
  let writeAll = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  let deadline = Infinity;
  let stopping: Promise<void> | undefined;
  let gaveUp = false;

  const held = () => queue.length + inFlight;

  function admitWaiting(): void {
    while (waiting.length > 0 && held() < maxQueue) {
      const next = waiting.shift()!;
      queue.push(next.item);
      next.admitted();
    }
  }

  function schedule(): void {
    if (timer !== undefined || writing !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain(true).catch(() => undefined);
    }, flushIntervalMs);
    // An idle timer must not keep a process alive; stop() is what guarantees the last writes.
    timer.unref();
  }

  function drain(all: boolean): Promise<void> {
    if (all) writeAll = true;
    clearTimeout(timer);
    timer = undefined;
    writing ??= writeBatches().finally(() => {
      writing = undefined;
      if (held() > 0 || waiting.length > 0) schedule();
    });
    return writing;
  }

  async function writeBatches(): Promise<void> {
    admitWaiting();
    while (queue.length >= batchSize || (writeAll && queue.length > 0)) {
      const batch = queue.splice(0, batchSize);
      inFlight = batch.length;
      try {
        await options.write(batch);
        written += batch.length;
        failures = 0;
      } catch (error) {
        inFlight = 0;
        queue.unshift(...batch);
        failures += 1;
        log(
          `audit: writing ${batch.length} records failed (attempt ${failures}, ${held()} held): ` +
            (error as Error).message,
        );
        if (Date.now() >= deadline) throw error;
        await sleep(
          Math.min(flushIntervalMs * 2 ** (failures - 1), maxRetryDelayMs, deadline - Date.now()),
        );
      } finally {
        inFlight = 0;
        admitWaiting();
      }
    }
    writeAll = false;
  }

  return {
    push(item) {
      if (stopped) return Promise.reject(new Error('the audit queue is stopped'));
      pushed += 1;
      let admitted = Promise.resolve();
      // Behind anyone already waiting, even if a slot is free: first come, first written.
      if (waiting.length === 0 && held() < maxQueue) queue.push(item);
      else admitted = new Promise((resolve) => waiting.push({ item, admitted: resolve }));
      if (queue.length >= batchSize) void drain(false).catch(() => undefined);
      else schedule();
      return admitted;
    },
    async flush() {
      const target = pushed;
      while (written < target) {
        if (gaveUp) throw new Error('the audit queue gave up writing (see the log)');
        await drain(true);
      }
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        deadline = Date.now() + stopTimeoutMs;
        try {
          while (held() > 0 || waiting.length > 0) await drain(true);
        } catch (error) {
          // The database is gone for good: the log is the last place these records can go.
          gaveUp = true;
          const lost = [...queue.splice(0), ...waiting.map((entry) => entry.item)];
          for (const item of lost) log(`audit: NOT WRITTEN ${JSON.stringify(item)}`);
          // Release the requests still waiting for room: their records are in the log now.
          for (const entry of waiting.splice(0)) entry.admitted();
          throw new Error(`audit: ${lost.length} records could not be written`, { cause: error });
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
    get pending() {
      return held() + waiting.length;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
