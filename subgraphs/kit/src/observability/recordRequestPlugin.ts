import { inspect } from 'node:util';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { printable } from '../printable.ts';
import { currentRequestRecord } from './requestRecord.ts';

/**
 * Fills the current request's record ({@link currentRequestRecord}) from Apollo Server: the
 * operation name and type, whether data came back, and the code of every error.
 */
export function recordRequestPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const record = currentRequestRecord();
      if (!record) return;
      if (request.operationName) record.operationName = request.operationName;
      return {
        async didResolveOperation({ operationName, operation }) {
          if (operationName) record.operationName = operationName;
          if (operation) record.operationType = operation.operation;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          record.hasData = data != null;
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            record.errorCodes.add(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}

/**
 * Notes an internal error's cause on the current request, once: the request's log line says
 * it, instead of one stack trace per error (which flooded the log during an outage). Outside a
 * request served over HTTP (a test calling the server in process) it goes to stderr, one line.
 */
export function noteCause(error: unknown): void {
  const record = currentRequestRecord();
  if (!record) {
    // One line, control characters escaped: what it says may come from a caller.
    console.error(printable(inspect(error, { breakLength: Infinity })));
    return;
  }
  record.cause ??= describeCause(error);
}

/** `Name: message ← cause ← cause`, at most 500 characters. */
export function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const each = current as { name?: string; message?: string; code?: unknown; cause?: unknown };
    const code = typeof each.code === 'string' ? ` [${each.code}]` : '';
    parts.push(`${each.name ?? 'Error'}${code}: ${each.message ?? String(current)}`);
    current = each.cause;
  }
  const text = parts.join(' ← ');
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
