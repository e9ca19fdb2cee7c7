import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one HTTP request did, filled in as it runs (by the GraphQL layer, the gateway's data
 * sources) and read once when its response is out: for its log line and its metrics.
 */
export interface RequestRecord {
  /** When the request arrived (ms since the epoch). */
  startedAt: number;
  requestId?: string;
  /** The W3C trace id, when tracing is on. */
  traceId?: string;
  operationName?: string;
  operationType?: string;
  /** Whether the response carried data. */
  hasData?: boolean;
  /** `extensions.code` of every error, once each. */
  errorCodes: Set<string>;
  /** The cause of the first internal error, said once per request. */
  cause?: string;
  /** The subgraphs the gateway called. */
  subgraphs?: Set<string>;
}

const scope = new AsyncLocalStorage<RequestRecord>();

/** Runs `work` (one HTTP request) with a record of its own. */
export function withRequestRecord<T>(record: RequestRecord, work: () => T): T {
  return scope.run(record, work);
}

/** The record of the request being served, if any. */
export function currentRequestRecord(): RequestRecord | undefined {
  return scope.getStore();
}

/** `ok` (no error), `partial` (data and errors) or `error` (no data). */
export function outcomeOf(record: RequestRecord, status: number): 'ok' | 'partial' | 'error' {
  if (record.errorCodes.size === 0 && status < 400) return 'ok';
  return record.hasData ? 'partial' : 'error';
}
