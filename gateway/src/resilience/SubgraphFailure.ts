/**
 * Why a fetch to a subgraph instance did not happen or did not finish, as the resilience
 * policies see it: `timeout` (no answer in time), `unreachable` (connection refused or reset),
 * `http_error` (it answered 5xx), `breaker_open` (refused at once: it has been failing),
 * `overloaded` (refused at once: too many requests already wait for it), `deadline` (the
 * request's own deadline passed before it could be sent).
 */
export type FailureKind =
  'timeout' | 'unreachable' | 'http_error' | 'breaker_open' | 'overloaded' | 'deadline';

/** A fetch the gateway refused or gave up, with why (never a host or a stack in its message). */
export class SubgraphFailure extends Error {
  override readonly name = 'SubgraphFailure';
  constructor(
    readonly kind: Extract<FailureKind, 'breaker_open' | 'overloaded' | 'deadline'>,
    message: string,
  ) {
    super(message);
  }
}

/** The kind of a failed attempt, from what the fetch threw. */
export function failureKindOf(error: unknown): FailureKind {
  if (error instanceof SubgraphFailure) return error.kind;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'unreachable';
}

/** A response that counts as the instance failing: 5xx (a GraphQL error in a 200 does not). */
export function isFailedResponse(response: unknown): response is Response {
  const status = (response as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 500;
}
