import type { GraphQLFormattedError } from 'graphql';

/**
 * The codes the graph answers with in `extensions.code`: the project's own (see the README's
 * error table), Apollo Server's request errors and the trusted-documents refusals. Any other
 * string is still accepted, so a code added by a newer gateway does not break a client.
 */
export type SahemErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | (string & {});

/**
 * The graph answered, but with GraphQL errors: refused input, a missing record, a refused
 * operation. `errors` is the response's `errors` array as sent; `data` is whatever partial
 * data came with it (usually none).
 */
export class SahemGraphQLError extends Error {
  override name = 'SahemGraphQLError';
  /** `extensions.code` of each error, in order (`INTERNAL_SERVER_ERROR` when one has none). */
  readonly codes: readonly SahemErrorCode[];

  constructor(
    /** The operation that failed, e.g. `LogHours`. */
    readonly operationName: string,
    readonly errors: readonly GraphQLFormattedError[],
    /** Partial data sent beside the errors, if any. */
    readonly data: unknown,
    /** HTTP status of the response (200 for errors raised while executing). */
    readonly status: number,
  ) {
    super(`${operationName}: ${errors.map((error) => error.message).join('; ')}`);
    this.codes = errors.map((error) => {
      const code = error.extensions?.code;
      return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
    });
  }

  /** Whether any of the errors carries `code`. */
  hasCode(code: SahemErrorCode): boolean {
    return this.codes.includes(code);
  }
}
