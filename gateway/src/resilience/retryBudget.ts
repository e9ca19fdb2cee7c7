/** Options of {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Retries allowed as a share of the requests of the window. @default 0.1 */
  ratio: number;
  /** Retries allowed in any window whatever the traffic, so a quiet instance can retry at all. @default 3 */
  minPerWindow: number;
  /** Length of the sliding window. @default 10000 */
  windowMs: number;
}

// The window slides in tenths: counts older than the window fall out a tenth at a time.
const SLOTS = 10;

/**
 * The retries one subgraph instance may still get: at most `ratio` of its requests (plus
 * `minPerWindow`) over the last `windowMs`. During an outage every request fails, so without a
 * budget each would be retried and the instance (and the gateway) would see a multiple of the
 * load just when it can least take it; with one, retries add at most `ratio` to the load.
 * First attempts are counted with {@link request}, retries claimed with {@link tryRetry}.
 */
export class RetryBudget {
  readonly #options: RetryBudgetOptions;
  readonly #now: () => number;
  readonly #requests = new Array<number>(SLOTS).fill(0);
  readonly #retries = new Array<number>(SLOTS).fill(0);
  #slot = 0;
  #slotStart: number;

  constructor(options: RetryBudgetOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
    this.#slotStart = now();
  }

  /** Counts a first attempt. */
  request(): void {
    this.#advance();
    this.#requests[this.#slot]! += 1;
  }

  /** Claims one retry if the budget has room (and counts it), else `false`. */
  tryRetry(): boolean {
    this.#advance();
    const requests = this.#requests.reduce((sum, count) => sum + count, 0);
    const retries = this.#retries.reduce((sum, count) => sum + count, 0);
    if (retries + 1 > this.#options.minPerWindow + this.#options.ratio * requests) return false;
    this.#retries[this.#slot]! += 1;
    return true;
  }

  /** Retries and requests counted in the window now. */
  get counts(): { requests: number; retries: number } {
    this.#advance();
    return {
      requests: this.#requests.reduce((sum, count) => sum + count, 0),
      retries: this.#retries.reduce((sum, count) => sum + count, 0),
    };
  }

  #advance(): void {
    const slotMs = this.#options.windowMs / SLOTS;
    const elapsed = Math.floor((this.#now() - this.#slotStart) / slotMs);
    if (elapsed <= 0) return;
    for (let step = 0; step < Math.min(elapsed, SLOTS); step++) {
      this.#slot = (this.#slot + 1) % SLOTS;
      this.#requests[this.#slot] = 0;
      this.#retries[this.#slot] = 0;
    }
    this.#slotStart += elapsed * slotMs;
  }
}
