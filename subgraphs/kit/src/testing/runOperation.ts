import type { ApolloServer, BaseContext } from '@apollo/server';
import type { ExecutionResult } from 'graphql';

/**
 * Runs one operation through a subgraph server (parsing, validation, execution, error
 * formatting) and returns its single result, typed loosely for assertions.
 */
export async function runOperation<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  request: { query: string; variables?: Record<string, unknown> },
  contextValue: TContext,
  // Results are asserted on, not consumed: `any` keeps test code free of casts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<ExecutionResult<Record<string, any>, Record<string, unknown>>> {
  const response = await server.executeOperation(request, { contextValue });
  if (response.body.kind !== 'single')
    throw new Error('expected a single (non-incremental) result');
  return response.body.singleResult as ExecutionResult<Record<string, never>>;
}
