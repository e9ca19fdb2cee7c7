import type { Logger } from 'pino';
import { outcomeOf, type RequestRecord } from './requestRecord.ts';
import type { ServiceMetrics } from './serviceMetrics.ts';

/** What a service does when a GraphQL request starts and when its response is out. */
export interface RequestObserver {
  started(record: RequestRecord): void;
  finished(record: RequestRecord, status: number): void;
}

/**
 * Counts each GraphQL request in the service's metrics (when on) and writes its one log line:
 * request id, trace id, operation, subgraphs called, outcome, status, duration, the error codes,
 * and the cause of an internal error once. No variables, no caller identity, no address: the
 * audit trail, access-controlled, says who; the log says what happened.
 */
export function requestObserver(options: {
  metrics?: ServiceMetrics | undefined;
  logger?: Logger | undefined;
}): RequestObserver {
  const { metrics, logger } = options;
  return {
    started() {
      metrics?.inFlight.inc();
    },
    finished(record, status) {
      if (metrics) {
        metrics.inFlight.dec();
        metrics.observeRequest(record, status);
      }
      if (!logger) return;
      const outcome = outcomeOf(record, status);
      const line = {
        requestId: record.requestId,
        traceId: record.traceId,
        operation: record.operationName,
        operationType: record.operationType,
        ...(record.subgraphs && { subgraphs: [...record.subgraphs] }),
        outcome,
        status,
        durationMs: Date.now() - record.startedAt,
        ...(record.errorCodes.size > 0 && { errors: [...record.errorCodes] }),
        ...(record.cause && { cause: record.cause }),
      };
      if (record.cause) logger.error(line, 'request');
      else logger.info(line, 'request');
    },
  };
}
