/** A subgraph's answer, read once and handed to every request that waited for it. */
interface SharedAnswer {
  status: number;
  statusText: string;
  url: string;
  /** Read only by every holder (the data source reads `content-type` and `cache-control`). */
  headers: Headers;
  body: Uint8Array;
}

/**
 * What each holder of a shared answer gets: the parts of a `Response` the gateway reads (status,
 * headers, the body as text or JSON), over the one buffer. Lighter than a `Response` per holder,
 * which would copy the bytes into a stream only for the data source to read them back.
 */
class SharedResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: Headers;
  readonly redirected = false;
  // No stream: `sharedBytesOf` hands the bytes over (a retry's `body?.cancel()` finds none).
  readonly body = null;
  readonly #bytes: Uint8Array;

  constructor(answer: SharedAnswer) {
    this.ok = answer.status >= 200 && answer.status < 300;
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.url = answer.url;
    this.headers = answer.headers;
    this.#bytes = answer.body;
  }

  get bytes(): Uint8Array {
    return this.#bytes;
  }

  async text(): Promise<string> {
    return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.byteLength).toString(
      'utf8',
    );
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  clone(): SharedResponse {
    return this;
  }
}

/** The bytes of a response from {@link InFlightFetches}, already read; undefined for any other. */
export function sharedBytesOf(response: unknown): Uint8Array | undefined {
  return response instanceof SharedResponse ? response.bytes : undefined;
}

/** Options of {@link inFlightFetches}. */
export interface InFlightFetchesOptions {
  /**
   * Told, with the subgraph's name, each time a request is answered by a fetch already in flight
   * (metrics). @default none
   */
  joined?: (subgraph: string) => void;
}

/**
 * Shares one subgraph fetch among identical requests in flight at once (same instance, same
 * body, same caller visibility: the caller builds the key). The first sends; the others wait
 * for its answer and each get a fresh `Response` of the same bytes, so every caller parses,
 * merges and audits its own copy. Nothing is kept once the fetch settles: this is not a cache.
 */
export interface InFlightFetches {
  /**
   * The answer of `send()`, or of the identical fetch already in flight under `key`. A waiter
   * gives up at `abortAt` (epoch ms) with `onTimeout()`'s error, whatever the sender's deadline.
   * `read` buffers the sender's body (bounded, as the data source reads every answer).
   * `subgraph` names the subgraph for `joined`.
   */
  fetch(
    subgraph: string,
    key: string,
    send: () => Promise<Response>,
    read: (response: Response) => Promise<Uint8Array>,
    abortAt: number,
    onTimeout: () => Error,
  ): Promise<Response>;
  /** Fetches in flight now (tests, diagnostics). */
  readonly size: number;
}

/** Builds the gateway's table of subgraph fetches in flight (see {@link InFlightFetches}). */
export function inFlightFetches(options: InFlightFetchesOptions = {}): InFlightFetches {
  const pending = new Map<string, Promise<SharedAnswer>>();
  return {
    get size() {
      return pending.size;
    },
    async fetch(subgraph, key, send, read, abortAt, onTimeout) {
      const inFlight = pending.get(key);
      if (inFlight) {
        options.joined?.(subgraph);
        return responseOf(await beforeDeadline(inFlight, abortAt, onTimeout));
      }
      const answer = send().then(async (response) => ({
        status: response.status,
        statusText: response.statusText,
        url: response.url,
        headers: response.headers,
        body: await read(response),
      }));
      pending.set(key, answer);
      // Settled, it leaves the table: a request arriving later sends a fetch of its own.
      const leave = () => {
        if (pending.get(key) === answer) pending.delete(key);
      };
      answer.then(leave, leave);
      return responseOf(await answer);
    },
  };
}

// Typed as the `Response` the fetcher returns: the gateway reads nothing else of it.
function responseOf(answer: SharedAnswer): Response {
  return new SharedResponse(answer) as unknown as Response;
}

// A waiter keeps its own deadline: joining a fetch sent with more time left must not make it
// wait longer than its client allowed.
function beforeDeadline<T>(
  answer: Promise<T>,
  abortAt: number,
  onTimeout: () => Error,
): Promise<T> {
  const left = abortAt - Date.now();
  if (left <= 0) return Promise.reject(onTimeout());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), left);
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
