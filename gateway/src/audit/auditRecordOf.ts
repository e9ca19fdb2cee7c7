import { createHash } from 'node:crypto';
import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { getOperationAST } from 'graphql';
import { ANONYMOUS } from '@sahem/kit';
import type { GatewayContext } from '../GatewayContext.ts';
import type { AuditRecord } from './AuditRecord.ts';

/**
 * The audit record of a request about to be answered. Works for every request that reached the
 * GraphQL pipeline, including those refused before execution: then the operation may be unknown
 * (no parse), and the caller is whatever the context established.
 */
export function auditRecordOf(
  requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>,
  occurredAt: Date,
  durationMs: number,
): AuditRecord {
  const { request, response, contextValue } = requestContext;
  // Typed as always present, but a request refused before the context was complete (or a
  // context built elsewhere) may lack them; an audit record is still owed.
  const caller = contextValue.caller ?? ANONYMOUS;
  const result =
    response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  // Resolved once the document validated; from the parsed document when it did not.
  const operation =
    requestContext.operation ??
    (requestContext.document && getOperationAST(requestContext.document, request.operationName));
  const codes = (result.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
  return {
    occurredAt,
    subject: caller.subject,
    role: caller.role,
    agency: caller.agency,
    operationName: operation?.name?.value ?? request.operationName ?? null,
    operationHash: operationHash(requestContext),
    operationType: operation?.operation ?? null,
    subgraphs: [...(contextValue.subgraphsCalled ?? [])].sort(),
    agenciesReturned: [...(contextValue.agenciesReturned ?? [])].sort(),
    ok: codes.length === 0,
    errorCodes: [...new Set(codes)],
    httpStatus: response.http.status ?? 200,
    requestId: contextValue.requestId,
    clientIp: contextValue.clientIp ?? null,
    durationMs: Math.round(durationMs),
  };
}

/**
 * SHA-256 of the document text: the text Apollo Server resolved (sent, or looked up from a
 * persisted-document hash), else the text sent. Not `queryHash`: plugins may replace it (the
 * authorization plugin keys the plan cache by the filtered document). A persisted-document
 * request refused before any text was found has only the hash the client sent.
 */
function operationHash(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>) {
  const text = requestContext.source ?? requestContext.request.query;
  if (text) return createHash('sha256').update(text).digest('hex');
  const persisted = requestContext.request.extensions?.persistedQuery as
    { sha256Hash?: unknown } | undefined;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}
