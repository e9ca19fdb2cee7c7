/** Options of {@link createBatchQueue}. */
export interface BatchQueueOptions<T> {
  /** Writes one batch durably. A rejection keeps the batch at the head of the queue for a retry. */
  write(batch: readonly T[]): Promise<void>;
  /** Items held in memory before new work is refused (see {@link BatchQueue.reserve}). @default 10000 */
  maxQueue?: number;
  /** Items per write at most; a full batch is written at once. @default 200 */
  batchSize?: number;
  /** A partial batch is written this long after it started to fill. @default 200 */
  flushIntervalMs?: number;
  /** Longest pause between two attempts at a failing write (the pause doubles up to it). @default 5000 */
  maxRetryDelayMs?: number;
  /** How long `stop()` keeps retrying a failing write before it gives up. @default 10000 */
  stopTimeoutMs?: number;
  /**
   * Whether a write failed because of what it carried (a value the store refuses) rather than
   * because the store is unavailable. Such a batch is split until the items at fault are found;
   * the others are written. @default never
   */
  isPoison?(error: unknown): boolean;
  /** Takes an item the store refuses on its own; the queue moves on without it. */
  onPoison?(item: T, error: unknown): Promise<void>;
  /** Receives write failures and, as a last resort, the items `stop()` could not write. */
  log?: (line: string) => void;
}

/** What the queue has done, for `/ready` and metrics. */
export interface BatchQueueStats {
  /** Items held (queued, being written, or reserved by work in progress). */
  pending: number;
  written: number;
  /** Failed write attempts since start. */
  failedWrites: number;
  /** Failed attempts in a row, 0 once a write succeeds: above 0 the store is in trouble. */
  consecutiveFailures: number;
  /** Items handed to `onPoison`. */
  poisoned: number;
  /** Reservations refused because the queue was full (work the caller shed). */
  refused: number;
  /** Items pushed without a reservation while the queue was full, and so not kept. */
  dropped: number;
}

/** A bounded queue drained in batches by one background writer. */
export interface BatchQueue<T> {
  /**
   * Holds a place for an item a piece of work will push when it ends. Always counted, so the
   * item is always taken; returns false when the queue is full, which tells the caller to
   * refuse the work (shed load) instead of letting memory grow or making anyone wait.
   */
  reserve(): boolean;
  /**
   * Hands `item` to the writer without waiting. With a reservation it is always taken;
   * without one it is taken while there is room. Returns whether it was taken (false after
   * `stop()`, or when full).
   */
  push(item: T, options?: { reserved?: boolean }): boolean;
  /** Resolves once every item pushed before the call has been written. */
  flush(): Promise<void>;
  /**
   * Refuses new items and writes every item pushed so far. Safe to call twice. Rejects only if
   * the writer keeps failing past `stopTimeoutMs`, after logging them.
   */
  stop(): Promise<void>;
  /** Items pushed or reserved and not written yet. */
  readonly pending: number;
  readonly stats: BatchQueueStats;
}

/**
 * The audit trail's write-behind buffer. Items are written in the order they were pushed, in
 * batches of up to `batchSize`: as soon as a batch is full, otherwise `flushIntervalMs` after the
 * first item arrived. One write runs at a time, so a slow database makes the queue grow instead
 * of piling up connections; once `maxQueue` items are held, new work is refused at
 * {@link BatchQueue.reserve} (load is shed with a clear error) and nothing ever waits for room.
 * A batch the store refuses because of one item's content is split until that item is found,
 * so one bad record cannot stop the others.
 */
export function createBatchQueue<T>(options: BatchQueueOptions<T>): BatchQueue<T> {
  const maxQueue = options.maxQueue ?? 10_000;
  const batchSize = options.batchSize ?? 200;
  const flushIntervalMs = options.flushIntervalMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  const isPoison = options.isPoison ?? (() => false);
  if (!(maxQueue >= 1 && batchSize >= 1))
    throw new RangeError('maxQueue and batchSize must be ≥ 1');

  const queue: T[] = [];
  let inFlight = 0;
  let reserved = 0;
  // Items are written strictly in push order, so "written" is always a prefix: flush() waits
  // for a count rather than for the queue to empty (which could never happen under load).
  let pushed = 0;
  let done = 0;
  let writing: Promise<void> | undefined;
  let writeAll = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let deadline = Infinity;
  let stopping: Promise<void> | undefined;
  let gaveUp = false;
  const stats = {
    written: 0,
    failedWrites: 0,
    consecutiveFailures: 0,
    poisoned: 0,
    refused: 0,
    dropped: 0,
  };

  const held = () => queue.length + inFlight + reserved;

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
      if (queue.length > 0) schedule();
    });
    return writing;
  }

  /** Writes `batch`, splitting it while the store refuses its content; poisoned items go aside. */
  async function writeIsolating(batch: readonly T[]): Promise<void> {
    try {
      await options.write(batch);
      stats.written += batch.length;
    } catch (error) {
      if (!isPoison(error)) throw error;
      if (batch.length === 1) {
        stats.poisoned += 1;
        log(`audit: a record was refused by the database (${(error as Error).message}); set aside`);
        await options
          .onPoison?.(batch[0]!, error)
          .catch((failure: unknown) =>
            log(`audit: the refused record could not be set aside: ${(failure as Error).message}`),
          );
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await writeIsolating(batch.slice(0, half));
      await writeIsolating(batch.slice(half));
    }
  }

  async function writeBatches(): Promise<void> {
    while (queue.length >= batchSize || (writeAll && queue.length > 0)) {
      const batch = queue.splice(0, batchSize);
      inFlight = batch.length;
      try {
        await writeIsolating(batch);
        done += batch.length;
        stats.consecutiveFailures = 0;
      } catch (error) {
        inFlight = 0;
        // The store is unavailable: the whole batch goes back, in order, and is retried. (A
        // split batch whose first half was written is written again in part: at-least-once.)
        queue.unshift(...batch);
        stats.failedWrites += 1;
        stats.consecutiveFailures += 1;
        log(
          `audit: writing ${batch.length} records failed (attempt ${stats.consecutiveFailures}, ${held()} held): ` +
            (error as Error).message,
        );
        if (Date.now() >= deadline) throw error;
        await sleep(
          Math.min(
            flushIntervalMs * 2 ** (stats.consecutiveFailures - 1),
            maxRetryDelayMs,
            deadline - Date.now(),
          ),
        );
      } finally {
        inFlight = 0;
      }
    }
    writeAll = false;
  }

  return {
    reserve() {
      reserved += 1;
      const room = held() <= maxQueue;
      if (!room) stats.refused += 1;
      return room;
    },
    push(item, { reserved: withReservation = false } = {}) {
      if (withReservation) reserved = Math.max(0, reserved - 1);
      if (stopped || (!withReservation && held() >= maxQueue)) {
        stats.dropped += 1;
        return false;
      }
      pushed += 1;
      queue.push(item);
      if (queue.length >= batchSize) void drain(false).catch(() => undefined);
      else schedule();
      return true;
    },
    async flush() {
      const target = pushed;
      while (done < target) {
        if (gaveUp) throw new Error('the audit queue gave up writing (see the log)');
        await drain(true);
      }
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        deadline = Date.now() + stopTimeoutMs;
        try {
          while (queue.length > 0 || inFlight > 0) await drain(true);
        } catch (error) {
          // The database is gone for good: the log is the last place these records can go.
          gaveUp = true;
          const lost = queue.splice(0);
          for (const item of lost) log(`audit: NOT WRITTEN ${JSON.stringify(item)}`);
          throw new Error(`audit: ${lost.length} records could not be written`, { cause: error });
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
    get pending() {
      return held();
    },
    get stats() {
      return { pending: held(), ...stats };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
