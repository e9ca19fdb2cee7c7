import { injectTraceContext } from '@sahem/kit';
import type { FetchOutcome } from './gatewayMetrics.ts';

/** Receives how each subgraph fetch ended and how long it took (seconds, to the response's headers). */
export type FetchObserver = (outcome: FetchOutcome, seconds: number) => void;

/**
 * `fetch` for one subgraph, carrying the trace context (`traceparent`, when tracing is on) and
 * reporting each fetch's outcome: its time and, for the gateway's metrics, its errors;
 * `onHeaders` is called as the response begins. `send` is the fetch of the subgraph (its CA).
 */
export async function observedFetch(
  input: string,
  init: RequestInit & { headers: Record<string, string> },
  observe: FetchObserver | undefined,
  onHeaders: () => void = () => undefined,
  send: typeof fetch = fetch,
): Promise<Response> {
  injectTraceContext(init.headers);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const response = await send(input, init);
    onHeaders();
    observe?.(response.ok ? 'ok' : 'http_error', seconds());
    return response;
  } catch (error) {
    observe?.((error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable', seconds());
    throw error;
  }
}
