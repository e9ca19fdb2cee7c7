/** When one subgraph fetch ends, and the deadline its subgraph is told. */
export interface FetchDeadline {
  /** Epoch ms at which the gateway aborts the fetch. */
  abortAt: number;
  /** Epoch ms signed into the caller token (`dl`): the subgraph's work must be over by then. */
  subgraphDeadline: number;
}

/**
 * The deadline of one subgraph fetch: the request's own deadline or the per-fetch timeout,
 * whichever comes first. The subgraph is told a margin earlier (at most half the time left),
 * so that a write it commits just before its deadline still reaches the gateway before the
 * gateway gives up and tells the client it failed.
 */
export function fetchDeadline(
  requestDeadline: number | undefined,
  options: { timeoutMs: number; marginMs: number },
  now = Date.now(),
): FetchDeadline {
  const abortAt = Math.min(requestDeadline ?? Number.POSITIVE_INFINITY, now + options.timeoutMs);
  const margin = Math.min(options.marginMs, Math.max(0, (abortAt - now) / 2));
  return { abortAt, subgraphDeadline: Math.floor(abortAt - margin) };
}
