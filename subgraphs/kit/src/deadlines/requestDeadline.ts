import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request knows about how long its caller waits. */
interface DeadlineScope {
  /** Epoch milliseconds after which nobody waits for the answer; unset: no deadline. */
  deadline?: number;
}

const scope = new AsyncLocalStorage<DeadlineScope>();

/**
 * Runs `work` (one HTTP request) in a scope of its own, so that the deadline set later, once
 * the caller token is verified, follows every statement the request causes: resolvers,
 * DataLoader batches and Prisma's driver adapter alike.
 */
export function withDeadlineScope<T>(work: () => T): T {
  return scope.run({}, work);
}

/** Sets the deadline of the current request scope (epoch ms); outside a scope it does nothing. */
export function setRequestDeadline(deadline: number | undefined): void {
  const store = scope.getStore();
  if (store) store.deadline = deadline;
}

/** The deadline of the current request (epoch ms), if it has one. */
export function requestDeadline(): number | undefined {
  return scope.getStore()?.deadline;
}

/** Milliseconds left before the current request's deadline; `Infinity` without one. */
export function remainingMs(now = Date.now()): number {
  const deadline = requestDeadline();
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - now;
}

/** Whether the current request has a deadline and it has passed. */
export function deadlinePassed(now = Date.now()): boolean {
  return remainingMs(now) <= 0;
}

/** Raised instead of sending a statement once the request's deadline has passed. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  /** SQLSTATE `query_canceled`, as PostgreSQL reports a statement stopped by its timeout. */
  readonly code = '57014';
  constructor() {
    super("The caller's deadline passed: the statement was not sent.");
  }
}
