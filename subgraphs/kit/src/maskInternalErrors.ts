import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES } from './errors.ts';

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
  log: (error: unknown) => void = (error) => console.error(error),
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN.has(code)) return formatted;
    log(unwrapResolverError(error));
    if (!production) return formatted;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
