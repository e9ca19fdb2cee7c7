import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { printable } from '@sahem/kit';

/**
 * Refuses a document in which no operation can be chosen: an `operationName` the document does
 * not define, or several operations and no `operationName`. Apollo Server leaves the choice to
 * the executor, and `@apollo/gateway` then fails inside execution, which clients saw as an
 * internal error (HTTP 500). Here it is the client's mistake, said as such: HTTP 400 with
 * Apollo's own code for it, `OPERATION_RESOLUTION_FAILURE`.
 */
export function requireOperation<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const name = request.operationName;
          throw new GraphQLError(
            name
              ? `The document has no operation named "${printable(name, 100)}".`
              : 'The document has several operations: say which one to run in `operationName`.',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
