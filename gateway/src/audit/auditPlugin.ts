import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../GatewayContext.ts';
import type { AuditRecord } from './AuditRecord.ts';
import { auditRecordOf } from './auditRecordOf.ts';

/**
 * Records every request that reaches the GraphQL pipeline. `willSendResponse` runs for executed
 * operations and for those refused before execution (parse and validation errors, refused
 * tokens, rate limits), after every error has been formatted, and Apollo Server awaits it
 * before answering: `record` resolves once the record is queued, which is where backpressure
 * holds a response back while the queue is full.
 */
export function auditPlugin(
  record: (entry: AuditRecord) => Promise<void>,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const occurredAt = new Date();
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          await record(auditRecordOf(requestContext, occurredAt, performance.now() - started));
        },
      };
    },
  };
}
