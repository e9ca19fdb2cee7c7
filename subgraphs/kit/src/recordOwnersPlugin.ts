import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/** A context that collects the agencies whose records a response carries. */
export interface RecordOwnersContext extends BaseContext {
  agencies: Set<string>;
}

/**
 * Reports, in `extensions.sahem.agencies`, the agencies whose records this response carries.
 * The gateway collects them for its audit trail: who saw which agency's records, and when.
 */
export function recordOwnersPlugin<
  TContext extends RecordOwnersContext,
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.agencies.size === 0) return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            sahem: { agencies: [...contextValue.agencies].sort() },
          };
        },
      };
    },
  };
}
