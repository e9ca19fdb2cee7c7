import { GraphQLError } from 'graphql';

/** Where in the input an error points, so a form can highlight the field. */
export interface ErrorDetails {
  /** Input path of the offending field, e.g. `input.email`. */
  field?: string;
  [key: string]: unknown;
}

/**
 * One error code of the graph, declared once with what it means and the HTTP status a
 * client should associate with it (in the spirit of federation's `makeCodeDefinition`).
 */
export interface ErrorCode {
  readonly code: string;
  readonly description: string;
  readonly httpStatus: number;
  /** A `GraphQLError` carrying this code (and `field`, when given) in `extensions`. */
  err(message: string, details?: ErrorDetails): GraphQLError;
}

function defineCode(code: string, description: string, httpStatus: number): ErrorCode {
  return {
    code,
    description,
    httpStatus,
    err: (message, details = {}) => new GraphQLError(message, { extensions: { code, ...details } }),
  };
}

export const BAD_USER_INPUT = defineCode(
  'BAD_USER_INPUT',
  'An argument is malformed or breaks a business rule; `extensions.field` names it.',
  400,
);
export const CONFLICT = defineCode(
  'CONFLICT',
  'The request collides with data that already exists or with the current state of a record.',
  409,
);
export const NOT_FOUND = defineCode(
  'NOT_FOUND',
  'The record named in the request does not exist.',
  404,
);
export const UNAUTHENTICATED = defineCode(
  'UNAUTHENTICATED',
  'The request carries no valid credentials.',
  401,
);
export const FORBIDDEN = defineCode(
  'FORBIDDEN',
  'The caller is known but may not perform this operation or see this data.',
  403,
);

export const SUBGRAPH_UNAVAILABLE = defineCode(
  'SUBGRAPH_UNAVAILABLE',
  'A subgraph, or an agency’s instance of one, did not answer: `extensions.serviceName` names the subgraph, `extensions.agencies` the agencies whose records are missing.',
  503,
);
export const GATEWAY_TIMEOUT = defineCode(
  'GATEWAY_TIMEOUT',
  'A subgraph, or an agency’s instance of one, did not answer in time; named as for SUBGRAPH_UNAVAILABLE.',
  504,
);
export const SUBGRAPH_CONTRACT_MISMATCH = defineCode(
  'SUBGRAPH_CONTRACT_MISMATCH',
  'The gateway refused an agency’s instance that does not serve the composed contract, or holds other agencies than the registry says; named as for SUBGRAPH_UNAVAILABLE.',
  503,
);
export const SUBGRAPH_CONTRACT_VIOLATION = defineCode(
  'SUBGRAPH_CONTRACT_VIOLATION',
  'An agency’s instance answered against the contract (a sketch that does not decode); its figures are left out.',
  502,
);
export const SUBGRAPH_RESPONSE_TOO_LARGE = defineCode(
  'SUBGRAPH_RESPONSE_TOO_LARGE',
  'A subgraph answered with more than the gateway reads from one response.',
  502,
);
export const DEADLINE_EXCEEDED = defineCode(
  'DEADLINE_EXCEEDED',
  "The caller's deadline passed before the work was done; it was stopped and nothing was written.",
  504,
);

/** Every code this project raises, for documentation and for tests that check the registry. */
export const ERROR_CODES = [
  BAD_USER_INPUT,
  CONFLICT,
  NOT_FOUND,
  UNAUTHENTICATED,
  FORBIDDEN,
  SUBGRAPH_UNAVAILABLE,
  GATEWAY_TIMEOUT,
  SUBGRAPH_CONTRACT_MISMATCH,
  SUBGRAPH_CONTRACT_VIOLATION,
  SUBGRAPH_RESPONSE_TOO_LARGE,
  DEADLINE_EXCEEDED,
] as const;
