import { SubgraphFailure } from '../resilience/SubgraphFailure.ts';

/** Why a subgraph (or an agency's instance of one) did not answer: a stable code and words safe to show. */
export interface FailureReason {
  /** `GATEWAY_TIMEOUT`, `SUBGRAPH_UNAVAILABLE` or `SUBGRAPH_CONTRACT_MISMATCH`. */
  code: string;
  /** Ends the sentence "… are missing: <reason>." — never a host, port, stack or subgraph message. */
  reason: string;
}

/**
 * The reason a fetch failed, in words safe to show a client in production: what the gateway
 * knows (timed out, refused by its breaker, overloaded, unreachable, answered 5xx), never what
 * the error carries (`fetch failed` with its host and port, the subgraph's response body).
 */
export function failureReason(error: unknown): FailureReason {
  if (error instanceof SubgraphFailure) {
    if (error.kind === 'deadline') return { code: 'GATEWAY_TIMEOUT', reason: error.message };
    return { code: 'SUBGRAPH_UNAVAILABLE', reason: error.message };
  }
  const name = (error as { name?: string } | null)?.name;
  const extensions = (error as { extensions?: { code?: unknown; response?: { status?: unknown } } })
    ?.extensions;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { code: 'GATEWAY_TIMEOUT', reason: 'it did not answer in time' };
  }
  if (extensions?.code === 'SUBGRAPH_CONTRACT_MISMATCH') {
    return { code: 'SUBGRAPH_CONTRACT_MISMATCH', reason: (error as Error).message };
  }
  if (extensions?.code === 'UNAUTHENTICATED') {
    return { code: 'SUBGRAPH_UNAVAILABLE', reason: 'it refused the gateway’s caller token' };
  }
  const status = extensions?.response?.status;
  if (typeof status === 'number') {
    // A subgraph past its deadline answers 504 DEADLINE_EXCEEDED.
    if (status === 504) return { code: 'GATEWAY_TIMEOUT', reason: 'it did not answer in time' };
    return { code: 'SUBGRAPH_UNAVAILABLE', reason: `it answered HTTP ${status}` };
  }
  if (extensions?.code === 'SUBGRAPH_RESPONSE_TOO_LARGE') {
    return {
      code: 'SUBGRAPH_RESPONSE_TOO_LARGE',
      reason: 'it answered with more than the gateway reads',
    };
  }
  return { code: 'SUBGRAPH_UNAVAILABLE', reason: 'it could not be reached' };
}
