import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../GatewayContext.ts';
import { AUDIT_UNAVAILABLE } from '../limits/limitErrors.ts';
import type { AuditRecord } from './AuditRecord.ts';
import { auditRecordOf } from './auditRecordOf.ts';

/** The part of the audit log the plugin uses. */
export interface AuditSink {
  /** Holds a place for the record of a request; false when the trail cannot keep up. */
  reserve(): boolean;
  /** Queues the record of a request that holds a place. */
  record(entry: AuditRecord, options: { reserved: true }): void;
}

/**
 * Records every request that reaches the GraphQL pipeline. Each request holds a place in the
 * queue from its start, so its record is always taken when it ends (`willSendResponse` runs for
 * executed operations and for those refused before execution, after every error is formatted).
 * When the queue is full (the audit database is stuck), operations are refused before they run,
 * with AUDIT_UNAVAILABLE (503): nothing runs unrecorded and no request waits.
 */
export function auditPlugin(sink: AuditSink): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const occurredAt = new Date();
      const started = performance.now();
      const room = sink.reserve();
      return {
        async didResolveOperation() {
          if (!room) {
            throw AUDIT_UNAVAILABLE.err(
              'The audit trail is not keeping up, so the gateway is not taking new operations; retry shortly.',
              { retryAfterSeconds: 5 },
            );
          }
        },
        async willSendResponse(requestContext) {
          sink.record(auditRecordOf(requestContext, occurredAt, performance.now() - started), {
            reserved: true,
          });
        },
      };
    },
  };
}
