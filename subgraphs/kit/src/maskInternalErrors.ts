import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES } from './errors.ts';
import { noteCause } from './observability/recordRequestPlugin.ts';

// graphql-js suggests names in coercion errors ("Did you mean the enum value "OPEN"?"), which
// spells the schema out to a prober; Apollo's `hideSchemaDetailsFromClientErrors` only covers
// validation errors.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

const KNOWN = new Set<string>([
  ...ERROR_CODES.map((code) => code.code),
  // Apollo Server's own request errors are safe to show as they are.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * A `formatError` that, in production, replaces the message of every error without a known
 * code by a generic one: a database message or stack trace tells an attacker too much. The
 * original is logged so operators can still find it.
 */
export function maskInternalErrors(
  production: boolean,
  // One line per error, control characters escaped: what it says may come from a caller.
  // Said once, with its cause, on the request's log line.
  log: (error: unknown) => void = noteCause,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    // Apollo Server's own refusals of a malformed request (an unsupported persisted-query
    // version, a hash that does not match the text) carry a 4xx but no code: they are the
    // client's, said as BAD_REQUEST, and no operator needs them in the log.
    const status = (unwrapResolverError(error) as { extensions?: { http?: { status?: number } } })
      ?.extensions?.http?.status;
    // (Apollo Server fills a missing code in as INTERNAL_SERVER_ERROR before it gets here.)
    const uncoded = code === undefined || code === 'INTERNAL_SERVER_ERROR';
    if (uncoded && typeof status === 'number' && status >= 400 && status < 500) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    }
    if (typeof code === 'string' && KNOWN.has(code)) {
      if (!production) return formatted;
      const message = formatted.message.replace(SUGGESTION, '');
      return message === formatted.message ? formatted : { ...formatted, message };
    }
    log(unwrapResolverError(error));
    if (!production) return formatted;
    // Who failed is no internal: the gateway names the subgraph (and its agencies) it had the
    // error from, and a client must know what is missing and whom to ask.
    const { serviceName, agencies } = formatted.extensions ?? {};
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        ...(typeof serviceName === 'string' && { serviceName }),
        ...(Array.isArray(agencies) &&
          agencies.every((agency) => typeof agency === 'string') && { agencies }),
      },
    };
  };
}
