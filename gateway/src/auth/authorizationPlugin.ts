import type { ApolloServerPlugin } from '@apollo/server';
import { FORBIDDEN } from '@sahem/kit';
import type { GatewayContext } from '../GatewayContext.ts';
import { applyRemovals } from './applyRemovals.ts';
import { createAuthorizationMemo } from './authorizationMemo.ts';
import { authorizeOperation, type AuthorizedOperation } from './authorizeOperation.ts';
import type { Requirements } from './requirements.ts';

/** Options of {@link authorizationPlugin}. */
export interface AuthorizationOptions {
  /** The requirements of the supergraph in service (it changes on hot reload). */
  requirements: () => Requirements;
  /**
   * Reject a whole operation that asks for anything the caller may not see, instead of
   * answering the rest with null and FORBIDDEN errors at the refused fields.
   * @default false
   */
  rejectUnauthorized?: boolean;
  /** Authorization decisions remembered per document and kind of caller. @default 2000 */
  memoSize?: number;
}

/**
 * Enforces `@authenticated`, `@requiresScopes` and `@policy` before planning: refused fields
 * are taken out of the operation (no subgraph is asked for them) and come back as null with a
 * FORBIDDEN error at their path. A refused root field of a mutation rejects the whole
 * mutation: nothing is written half-authorized.
 */
export function authorizationPlugin(
  options: AuthorizationOptions,
): ApolloServerPlugin<GatewayContext> {
  const memo = createAuthorizationMemo(options.memoSize);
  return {
    async requestDidStart() {
      let authorized: AuthorizedOperation | undefined;
      return {
        async didResolveOperation(requestContext) {
          const operation = requestContext.operation;
          if (!operation) return;
          const requirements = options.requirements();
          const { caller } = requestContext.contextValue;
          const decision = memo.decide(
            {
              queryHash: requestContext.queryHash,
              operationName: requestContext.operationName,
              schema: requestContext.schema,
            },
            requirements,
            caller,
            () =>
              authorizeOperation(
                requestContext.document,
                operation,
                requestContext.schema,
                requirements,
                caller,
              ),
          );
          const { result } = decision;
          if (result.removals.length === 0) return;
          const rootRefusal = result.removals.find((removal) => removal.steps.length === 1);
          if (options.rejectUnauthorized || (operation.operation === 'mutation' && rootRefusal)) {
            const first = rootRefusal ?? result.removals[0]!;
            throw FORBIDDEN.err(
              `Not authorized to run this operation: ${first.coordinate} is refused, ${first.reason}.`,
              {
                coordinates: result.removals.map((removal) => removal.coordinate),
                http: { status: 403 },
              },
            );
          }
          authorized = result;
          // The plan cache is keyed by the query hash: the filtered document needs its own,
          // or another caller's plan for the same text would be reused.
          const mutable = requestContext as {
            document: unknown;
            operation: unknown;
            queryHash: string;
          };
          mutable.document = result.document;
          mutable.operation = result.operation;
          mutable.queryHash = decision.queryHash!;
        },
        async willSendResponse({ response }) {
          if (!authorized || response.body.kind !== 'single') return;
          const single = response.body.singleResult;
          const { data, errors } = applyRemovals(
            single.data as Record<string, unknown> | null | undefined,
            authorized.removals,
            authorized.placeholders,
          );
          single.data = data;
          // A refused field under a parent that came back null has no path to report: then
          // there is no error to add, and `errors` must stay absent rather than become `[]`.
          if (errors.length > 0) single.errors = [...(single.errors ?? []), ...errors];
        },
      };
    },
  };
}
