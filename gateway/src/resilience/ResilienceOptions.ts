/** How the gateway protects itself and each subgraph instance (every field has a default). */
export interface ResilienceOptions {
  /** Consecutive failures (timeouts, refused connections, 5xx) that open an instance's breaker. @default 5 */
  breakerFailures: number;
  /** How long an open breaker fails calls at once before it lets one probe through. @default 1000 */
  breakerCooldownMs: number;
  /** Requests in flight to one instance at most. @default 32 */
  maxConcurrent: number;
  /**
   * Requests waiting for a slot at most; beyond, they fail at once (overloaded). The bound counts
   * fetches, and one request may send several to one instance (DashboardScorecards 6 to
   * indicators, NationalScorecard 4): 32 + 256 holds 32 requests at once of any shipped
   * operation, 48 of the widest. A waiter costs a promise, not a connection, and gives up at
   * its fetch's deadline (the subgraph's timeout at most). @default 256
   */
  maxQueued: number;
  /** Retries of one failed query fetch at most. @default 2 */
  maxRetries: number;
  /** First backoff before a retry (jittered, doubling). @default 25 */
  retryInitialDelayMs: number;
  /** Longest backoff before a retry. @default 250 */
  retryMaxDelayMs: number;
  /** Retries allowed as a share of an instance's requests over the window. @default 0.1 */
  retryBudgetRatio: number;
  /** Retries allowed per window whatever the traffic. @default 3 */
  retryBudgetMin: number;
  /** The retry budget's sliding window. @default 10000 */
  retryBudgetWindowMs: number;
}

/** The defaults, documented in the README's Operations section. */
export const DEFAULT_RESILIENCE: Readonly<ResilienceOptions> = Object.freeze({
  breakerFailures: 5,
  breakerCooldownMs: 1_000,
  maxConcurrent: 32,
  maxQueued: 256,
  maxRetries: 2,
  retryInitialDelayMs: 25,
  retryMaxDelayMs: 250,
  retryBudgetRatio: 0.1,
  retryBudgetMin: 3,
  retryBudgetWindowMs: 10_000,
});
