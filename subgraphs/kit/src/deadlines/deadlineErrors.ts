import type { GraphQLFormattedError } from 'graphql';
import { DEADLINE_EXCEEDED } from '../errors.ts';
import { deadlinePassed } from './requestDeadline.ts';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Wraps a `formatError` so that an internal error of a request whose deadline has passed (a
 * statement refused or cancelled by its timeout, a transaction PostgreSQL ended) says so with
 * `DEADLINE_EXCEEDED` instead of counting, and being logged, as an internal failure: nobody
 * waits for it, and what was being written was rolled back.
 */
export function reportDeadlines(format: FormatError): FormatError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && deadlinePassed()) {
      return {
        message: "The caller's deadline passed; the work was stopped and nothing was written.",
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: DEADLINE_EXCEEDED.code },
      };
    }
    return format(formatted, error);
  };
}
