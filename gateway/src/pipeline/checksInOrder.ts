import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestListener,
  GraphQLServerListener,
} from '@apollo/server';

/** The request hooks {@link checksInOrder} passes on; a check using another one is refused. */
const FORWARDED = new Set<string>([
  'didResolveSource',
  'didResolveOperation',
  'didEncounterErrors',
  'willSendResponse',
]);

/**
 * The gateway's checks (trusted documents, operation limits, the cost budget, authorization)
 * as one plugin whose `didResolveOperation` runs them one after the other and stops at the
 * first refusal. Apollo Server starts every plugin's `didResolveOperation` at once
 * (`Promise.all`), so a refusal by the limits would not stop the authorization walk from
 * expanding the very document the limits refused: in this order, work a check is there to
 * prevent never starts. The other hooks reach every check, started in the same order.
 */
export function checksInOrder<TContext extends BaseContext>(
  checks: readonly ApolloServerPlugin<TContext>[],
): ApolloServerPlugin<TContext> {
  return {
    async serverWillStart(service) {
      const listeners = (
        await Promise.all(checks.map((check) => check.serverWillStart?.(service)))
      ).filter((listener): listener is GraphQLServerListener => !!listener);
      if (listeners.length === 0) return;
      return {
        async schemaDidLoadOrUpdate(schemaContext) {
          for (const listener of listeners) listener.schemaDidLoadOrUpdate?.(schemaContext);
        },
        async serverWillStop() {
          for (const listener of listeners) await listener.serverWillStop?.();
        },
        async drainServer() {
          for (const listener of listeners) await listener.drainServer?.();
        },
      };
    },
    async requestDidStart(requestContext) {
      const listeners: GraphQLRequestListener<TContext>[] = [];
      for (const check of checks) {
        const listener = await check.requestDidStart?.(requestContext);
        if (!listener) continue;
        const unknown = Object.keys(listener).find((hook) => !FORWARDED.has(hook));
        if (unknown) throw new Error(`checksInOrder does not pass on the ${unknown} hook`);
        listeners.push(listener);
      }
      // Every hook but didResolveOperation starts each check at once, in order, as Apollo
      // Server itself does: a check that rewrites the response (authorization) does so
      // synchronously before the plugins after this one (the audit) read it.
      return {
        async didResolveSource(context) {
          await Promise.all(listeners.map((listener) => listener.didResolveSource?.(context)));
        },
        async didResolveOperation(context) {
          // Sequential on purpose: a check that throws ends the request before the next starts.
          for (const listener of listeners) await listener.didResolveOperation?.(context);
        },
        async didEncounterErrors(context) {
          await Promise.all(listeners.map((listener) => listener.didEncounterErrors?.(context)));
        },
        async willSendResponse(context) {
          await Promise.all(listeners.map((listener) => listener.willSendResponse?.(context)));
        },
      };
    },
  };
}
