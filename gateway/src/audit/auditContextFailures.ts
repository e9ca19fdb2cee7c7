import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { contextOfRefusal } from '../limits/rateLimitContext.ts';
import type { AuditRecord } from './AuditRecord.ts';

/**
 * Records the requests refused while their context was built (a bearer token that does not
 * verify: UNAUTHENTICATED, or a rate limit: RATE_LIMITED). Apollo Server answers those without
 * running any request plugin, so the audit plugin never sees them. No operation is known (the
 * body is not in reach of the context function); the caller is, when a rate limit refused a
 * verified one.
 */
export function auditContextFailures<TContext>(
  context: (req: IncomingMessage) => Promise<TContext>,
  record: (entry: AuditRecord) => void,
): (req: IncomingMessage) => Promise<TContext> {
  return async (req) => {
    const occurredAt = new Date();
    const started = performance.now();
    try {
      return await context(req);
    } catch (error) {
      const known = error instanceof GraphQLError;
      const code = known ? error.extensions.code : undefined;
      const status = known
        ? (error.extensions.http as { status?: number } | undefined)?.status
        : undefined;
      const incoming = req.headers['x-request-id'];
      // A rate limit refuses a request whose caller is already known: record who it was.
      const refused = contextOfRefusal(error);
      record({
        occurredAt,
        subject: refused?.caller?.subject ?? null,
        role: refused?.caller?.role ?? 'anonymous',
        agency: refused?.caller?.agency ?? null,
        operationName: null,
        operationHash: null,
        operationType: null,
        subgraphs: [],
        agenciesReturned: [],
        ok: false,
        errorCodes: [typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR'],
        // What Apollo Server answers a failed context with.
        httpStatus: status ?? 500,
        // The same rule as the context's: the client's id when it looks like one.
        requestId:
          refused?.requestId ??
          (typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming)
            ? incoming
            : randomUUID()),
        clientIp: refused?.clientIp ?? req.socket.remoteAddress ?? null,
        durationMs: Math.round(performance.now() - started),
      });
      throw error;
    }
  };
}
