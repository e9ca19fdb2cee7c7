import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { TrustedDocuments } from './createTrustedDocuments.ts';

/**
 * Runs only the operations of the manifest (`GATEWAY_PERSISTED_DOCUMENTS=enforce`). Apollo Server
 * has resolved and parsed the request's text by the time this runs; its `queryHash` is the sha256
 * of that text (for a hash-only request, the id the manifest resolved). A manifest id passes at
 * once; any other text passes when its normal form (`normalizeDocument`) is a manifest
 * document's, so a trusted document passes whichever client printed it.
 *
 * The check sits in `didResolveOperation`, the first hook whose refusal Apollo Server answers as a
 * GraphQL error through its normal path (error formatting, `willSendResponse`, so the request id
 * and any audit plugin still see the request). Unknown ids never get here: the cache answers them
 * with `PERSISTED_QUERY_NOT_FOUND`.
 */
export function trustedDocumentsPlugin<TContext extends BaseContext>(
  trusted: TrustedDocuments,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, document, request }) {
          if (trusted.isTrusted(document, queryHash)) return;
          const registering = request.extensions?.persistedQuery !== undefined;
          throw new GraphQLError(
            registering
              ? 'This gateway runs only trusted documents: registering new persisted queries is disabled. Add the operation to @sahem/client, run npm run codegen and deploy the new persisted-documents.json.'
              : 'This gateway runs only trusted documents: this operation is not in its persisted-documents.json. Send a shipped operation (by its id or its text), or add it to @sahem/client, run npm run codegen and deploy the new manifest.',
            { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
          );
        },
      };
    },
  };
}
