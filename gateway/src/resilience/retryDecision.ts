import type { OperationKind } from './operationKind.ts';
import type { FailureKind } from './SubgraphFailure.ts';

/** What {@link retryDecision} weighs. */
export interface RetryQuestion {
  /** The operation sent: only a query may be sent twice. */
  operation: OperationKind;
  /** How the last attempt failed. */
  failure: FailureKind;
  /** The HTTP status of a failed answer (`http_error`). */
  status?: number;
  /** Retries already made for this fetch. */
  retries: number;
  maxRetries: number;
  /** Time until the request's deadline (or the fetch's timeout). */
  timeLeftMs: number;
  /** The longest backoff before the next attempt. */
  maxDelayMs: number;
  /** The least time worth giving an attempt. */
  minAttemptMs: number;
  /** The instance's breaker is open (or probing). */
  breakerOpen: boolean;
}

/** Retry, or why not. */
export type RetryAnswer = { retry: true } | { retry: false; because: string };

// A 500 is the subgraph's own bug: the same request fails the same way again. A 504 from a
// subgraph is its deadline passing (DEADLINE_EXCEEDED): nothing is left to retry with.
const RETRIED_STATUSES = new Set([502, 503]);

/**
 * Whether a failed subgraph fetch may be sent again (the retry budget, checked after this,
 * has the last word). Only queries: a mutation that timed out may have committed, and sending
 * it again could write twice (an entity fetch inside a mutation's plan is a query and may be
 * retried). Never what the gateway refused itself (breaker open, overloaded), never while the
 * breaker is open, never past the deadline.
 */
export function retryDecision(question: RetryQuestion): RetryAnswer {
  if (question.operation !== 'query') return { retry: false, because: 'not a query' };
  if (
    question.failure === 'breaker_open' ||
    question.failure === 'overloaded' ||
    question.failure === 'deadline'
  ) {
    return { retry: false, because: `refused by the gateway (${question.failure})` };
  }
  if (question.failure === 'http_error' && !RETRIED_STATUSES.has(question.status ?? 0)) {
    return { retry: false, because: `HTTP ${question.status ?? '?'} is not transient` };
  }
  if (question.breakerOpen) return { retry: false, because: 'breaker open' };
  if (question.retries >= question.maxRetries) return { retry: false, because: 'no retries left' };
  if (question.timeLeftMs < question.maxDelayMs + question.minAttemptMs) {
    return { retry: false, because: 'too close to the deadline' };
  }
  return { retry: true };
}
