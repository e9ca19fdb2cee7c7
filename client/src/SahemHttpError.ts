/**
 * The request did not produce a GraphQL response: the gateway could not be reached, or it
 * answered with an HTTP error (502, 503, …) or a body that is not a GraphQL result.
 */
export class SahemHttpError extends Error {
  override name = 'SahemHttpError';

  constructor(
    message: string,
    /** The operation that was sent. */
    readonly operationName: string,
    /** HTTP status, or `null` when no response arrived (network failure, timeout). */
    readonly status: number | null,
    /** The response body as text (empty when no response arrived). */
    readonly body: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
