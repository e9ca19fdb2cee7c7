import type { GraphQLFormattedError } from 'graphql';
import { LIMIT_ERROR_CODES, OPERATION_LIMIT_EXCEEDED } from './limitErrors.ts';

/** Apollo Server's `formatError`. */
export type FormatError = (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError;

const CODES = new Set<unknown>(LIMIT_ERROR_CODES.map((code) => code.code));

// graphql-js aborts parsing with "Document contains more that N tokens" (sic, 16.x); a test
// pins the wording, so an upgrade that changes it fails there rather than silently.
const TOO_MANY_TOKENS = /Document contains more (?:than|that) (\d+) tokens/;

/**
 * Wraps the gateway's `formatError` so that limit errors reach the client as they are (the
 * production mask would otherwise turn an unknown code into an internal error), and so that
 * the parser's token limit answers with the same code as every other operation limit. The
 * parser stops counting at the limit, so that error has no `actual`.
 */
export function keepLimitErrors(inner: FormatError): FormatError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (CODES.has(code)) return formatted;
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOO_MANY_TOKENS.exec(formatted.message) : null;
    if (tokens) {
      const max = Number(tokens[1]);
      return {
        message: `The operation has more than ${max} tokens; the gateway accepts at most ${max}.`,
        extensions: { code: OPERATION_LIMIT_EXCEEDED.code, limit: 'tokens', max },
      };
    }
    return inner(formatted, error);
  };
}
