import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HTTPGraphQLRequest } from '@apollo/server';
import type { PreparedRequest } from '@sahem/kit';
import type { AuditRecord } from '../audit/AuditRecord.ts';

/**
 * Records the persisted-query requests `preparePersistedRequest` refuses (HTTP 400 before Apollo
 * Server sees them, so the audit plugin never does), like the context failures: what the HTTP
 * request shows, no verified caller (its token was never checked), and the hash of the text
 * when one was sent.
 */
export function auditRefusals(
  prepare: (request: HTTPGraphQLRequest) => PreparedRequest,
  record: (entry: AuditRecord) => void,
): (request: HTTPGraphQLRequest, req: IncomingMessage) => Promise<PreparedRequest> {
  return async (request, req) => {
    const occurredAt = new Date();
    const started = performance.now();
    const prepared = prepare(request);
    if (!('refusal' in prepared)) return prepared;
    const body = request.body as { query?: unknown; operationName?: unknown } | undefined;
    const incoming = req.headers['x-request-id'];
    record({
      occurredAt,
      subject: null,
      role: 'anonymous',
      agency: null,
      operationName: typeof body?.operationName === 'string' ? body.operationName : null,
      operationHash:
        typeof body?.query === 'string'
          ? createHash('sha256').update(body.query).digest('hex')
          : null,
      operationType: null,
      subgraphs: [],
      agenciesReturned: [],
      ok: false,
      errorCodes: [prepared.refusal.code],
      httpStatus: prepared.refusal.status,
      // The same rule as the context's: the client's id when it looks like one.
      requestId:
        typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID(),
      clientIp: req.socket.remoteAddress ?? null,
      durationMs: Math.round(performance.now() - started),
    });
    return prepared;
  };
}
