import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Which operation limit was exceeded, in `extensions.limit`. */
export type OperationLimit =
  'depth' | 'aliases' | 'rootFields' | 'directives' | 'fields' | 'tokens' | 'variables';

/** One code the gateway answers when it refuses work before planning. */
export interface LimitErrorCode<Details> {
  readonly code: string;
  readonly description: string;
  readonly httpStatus: number;
  /** A `GraphQLError` with this code, the details in `extensions` and the HTTP status. */
  err(message: string, details: Details): GraphQLError;
}

// Apollo Server takes `extensions.http` off the error and applies it to the HTTP response.
function defineCode<Details>(
  code: string,
  description: string,
  httpStatus: number,
  toExtensions: (details: Details) => Record<string, unknown>,
  toHeaders: (details: Details) => [string, string][] = () => [],
): LimitErrorCode<Details> {
  return {
    code,
    description,
    httpStatus,
    err: (message, details) =>
      new GraphQLError(message, {
        extensions: {
          code,
          ...toExtensions(details),
          http: { status: httpStatus, headers: new HeaderMap(toHeaders(details)) },
        },
      }),
  };
}

export const OPERATION_LIMIT_EXCEEDED = defineCode<{
  limit: OperationLimit;
  max: number;
  actual?: number;
}>(
  'OPERATION_LIMIT_EXCEEDED',
  'The operation is too deep, too wide or too long; `extensions` names the limit, its maximum and the actual value.',
  400,
  (details) => details,
);

export const COST_ESTIMATED_TOO_EXPENSIVE = defineCode<{ estimated: number; max: number }>(
  'COST_ESTIMATED_TOO_EXPENSIVE',
  'The estimated cost of the operation (from `@cost` and `@listSize`) is above the budget; `extensions.cost` has both.',
  400,
  (cost) => ({ cost }),
);

export const RATE_LIMITED = defineCode<{ retryAfterSeconds: number }>(
  'RATE_LIMITED',
  'The caller sent more requests than its rate allows; retry after `extensions.retryAfterSeconds` (also `Retry-After`).',
  429,
  (details) => details,
  ({ retryAfterSeconds }) => [['retry-after', String(retryAfterSeconds)]],
);

export const AUDIT_UNAVAILABLE = defineCode<{ retryAfterSeconds: number }>(
  'AUDIT_UNAVAILABLE',
  'The audit trail cannot keep up (its database is slow or down), so the gateway sheds new operations rather than run them unrecorded or make them wait; retry after `extensions.retryAfterSeconds`.',
  503,
  (details) => details,
  ({ retryAfterSeconds }) => [['retry-after', String(retryAfterSeconds)]],
);

/** Every code of this module: safe to show as they are, in production too. */
export const LIMIT_ERROR_CODES = [
  OPERATION_LIMIT_EXCEEDED,
  COST_ESTIMATED_TOO_EXPENSIVE,
  RATE_LIMITED,
  AUDIT_UNAVAILABLE,
] as const;
