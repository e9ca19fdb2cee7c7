import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
} from 'cockatiel';
import type { BreakerState } from '../health/gatewayReadiness.ts';
import type { OperationKind } from './operationKind.ts';
import { DEFAULT_RESILIENCE, type ResilienceOptions } from './ResilienceOptions.ts';
import { RetryBudget } from './retryBudget.ts';
import { retryDecision } from './retryDecision.ts';
import {
  failureKindOf,
  isFailedResponse,
  SubgraphFailure,
  type FailureKind,
} from './SubgraphFailure.ts';

/** One fetch as the policy runs it. */
export interface PolicyCall {
  operation: OperationKind;
  /** Epoch ms at which the fetch is given up: no attempt, wait or retry goes past it. */
  abortAt: number;
}

/** What an instance's policy reports as it works (metrics, logs). */
export interface PolicyEvents {
  /** The breaker changed state (once per change). */
  breaker?(state: BreakerState, reason: string | undefined): void;
  /** A fetch was refused without being sent. */
  refused?(kind: 'breaker_open' | 'overloaded'): void;
  /** A failed fetch is sent again. */
  retried?(failure: FailureKind): void;
}

/** The resilience policies of one subgraph instance: breaker, bulkhead, retries, budget. */
export interface InstancePolicy {
  readonly state: BreakerState;
  /** Counts of the retry budget's window (tests, `/ready`). */
  readonly budget: { requests: number; retries: number };
  /** Runs one fetch (`send`, called once per attempt) under the policies. */
  run(send: () => Promise<Response>, call: PolicyCall): Promise<Response>;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

/**
 * The policies of one subgraph instance, composed from cockatiel's: a consecutive-failure
 * circuit breaker (`breakerFailures` in a row open it for `breakerCooldownMs`, then one call
 * probes: its success closes it, its failure opens it again), inside a bulkhead (at most
 * `maxConcurrent` fetches in flight and `maxQueued` waiting, then refused), inside retries of
 * queries only (jittered exponential backoff, a budget of `retryBudgetRatio` of the requests,
 * never past `abortAt`, never while the breaker is open).
 *
 * Refusals are `SubgraphFailure`s (`breaker_open`, `overloaded`), so the caller can say who is
 * missing and why without having sent anything. The timeout of each attempt is the fetch's own
 * (`deadlineSignal`), not cockatiel's: it reads a late answer's I/O before it aborts.
 */
export function instancePolicy(
  options: Partial<ResilienceOptions> = {},
  events: PolicyEvents = {},
): InstancePolicy {
  const settings = { ...DEFAULT_RESILIENCE, ...options };
  const failed = (error: Error) => {
    const kind = failureKindOf(error);
    return kind === 'timeout' || kind === 'unreachable';
  };
  const breaker = circuitBreaker(handleWhen(failed).orWhenResult(isFailedResponse), {
    halfOpenAfter: settings.breakerCooldownMs,
    breaker: new ConsecutiveBreaker(settings.breakerFailures),
  });
  let lastFailure: string | undefined;
  breaker.onFailure(({ reason }) => {
    lastFailure =
      'error' in reason ? failureKindOf(reason.error) : `HTTP ${(reason.value as Response).status}`;
  });
  breaker.onStateChange((state) => events.breaker?.(STATES[state], lastFailure));
  const slots = bulkhead(settings.maxConcurrent, settings.maxQueued);
  const budget = new RetryBudget({
    ratio: settings.retryBudgetRatio,
    minPerWindow: settings.retryBudgetMin,
    windowMs: settings.retryBudgetWindowMs,
  });
  const open = () => breaker.state !== CircuitState.Closed;
  const refuse = (kind: 'breaker_open' | 'overloaded') => {
    events.refused?.(kind);
    return new SubgraphFailure(
      kind,
      kind === 'breaker_open'
        ? 'its circuit breaker is open after repeated failures'
        : `it is overloaded (${settings.maxConcurrent} requests in flight and ${settings.maxQueued} waiting)`,
    );
  };

  // The breaker's own Open → HalfOpen step happens when a call reaches it; a call that waits in
  // the bulkhead meanwhile would let every other call through as well, so the probe is chosen here.
  let openedAt = 0;
  let probing = false;
  breaker.onBreak(() => (openedAt = Date.now()));
  const deadlinePassed = () =>
    new SubgraphFailure('deadline', 'the request deadline passed while it waited for the instance');

  /** One attempt: refused at once while the breaker is not closed, else through bulkhead and breaker. */
  const attempt = async (send: () => Promise<Response>, signal: AbortSignal) => {
    // cockatiel makes calls wait for a half-open breaker's probe; a probe of a hung instance
    // waits its whole timeout, so everyone else fails at once instead.
    if (breaker.state === CircuitState.HalfOpen || probing) throw refuse('breaker_open');
    const probe = breaker.state !== CircuitState.Closed;
    if (probe && Date.now() - openedAt < settings.breakerCooldownMs) throw refuse('breaker_open');
    if (probe) probing = true;
    let started = false;
    const run = slots
      .execute(() => {
        started = true;
        if (!probe && breaker.state !== CircuitState.Closed) throw refuse('breaker_open');
        return breaker.execute(send, signal);
      }, signal)
      .catch((error: unknown) => {
        if (error instanceof BrokenCircuitError) throw refuse('breaker_open');
        if (error instanceof BulkheadRejectedError) throw refuse('overloaded');
        if (error instanceof TaskCancelledError) throw deadlinePassed();
        throw error;
      })
      .finally(() => {
        if (probe) probing = false;
      });
    // A fetch waiting for a slot is given up at its deadline; one under way ends by its own.
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        if (!started) reject(deadlinePassed());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };

  return {
    get state() {
      return STATES[breaker.state];
    },
    get budget() {
      return budget.counts;
    },
    async run(send, call) {
      budget.request();
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), Math.max(0, call.abortAt - Date.now()));
      let retries = 0;
      const retryable = (failure: FailureKind, status?: number) => {
        const answer = retryDecision({
          operation: call.operation,
          failure,
          ...(status !== undefined && { status }),
          retries,
          maxRetries: settings.maxRetries,
          timeLeftMs: call.abortAt - Date.now(),
          maxDelayMs: settings.retryMaxDelayMs,
          minAttemptMs: 100,
          breakerOpen: open(),
        });
        if (!answer.retry || !budget.tryRetry()) return false;
        retries += 1;
        events.retried?.(failure);
        return true;
      };
      const retrying = retry(
        handleWhen((error) => retryable(failureKindOf(error))).orWhenResult((response) => {
          if (!isFailedResponse(response)) return false;
          if (!retryable('http_error', response.status)) return false;
          // The answer is dropped: its body is released so its connection goes back to the pool.
          void response.body?.cancel().catch(() => undefined);
          return true;
        }),
        {
          maxAttempts: settings.maxRetries,
          backoff: new ExponentialBackoff({
            initialDelay: settings.retryInitialDelayMs,
            maxDelay: settings.retryMaxDelayMs,
          }),
        },
      );
      try {
        return await retrying.execute(() => attempt(send, deadline.signal), deadline.signal);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
