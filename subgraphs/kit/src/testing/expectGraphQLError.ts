import { expect } from 'vitest';

interface ResultWithErrors {
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/**
 * Asserts that `result` failed with exactly one error of `code` (and, when given, about
 * `field`), and returns that error for further checks.
 */
export function expectGraphQLError(
  result: ResultWithErrors,
  code: string,
  field?: string,
): { message: string; extensions?: Record<string, unknown> } {
  expect(result.errors, 'expected the operation to fail').toBeDefined();
  expect(result.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  const [error] = result.errors ?? [];
  if (field !== undefined) expect(error?.extensions?.field).toBe(field);
  return error!;
}
