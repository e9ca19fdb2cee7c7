/** A subgraph's answer, read once and handed to every request that waited for it. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
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
        headers: [...response.headers],
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

function responseOf(answer: SharedAnswer): Response {
  return new Response(answer.body.byteLength > 0 ? answer.body : null, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });
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
