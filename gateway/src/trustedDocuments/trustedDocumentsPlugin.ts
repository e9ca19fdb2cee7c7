import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { PersistedDocumentsManifest } from './readPersistedDocumentsManifest.ts';

/**
 * Runs only the operations of the manifest (`GATEWAY_PERSISTED_DOCUMENTS=enforce`). Apollo Server
 * has resolved the request's text by the time this runs, and its `queryHash` is the sha256 of that
 * exact text (for a hash-only request, the hash the manifest resolved), so one set lookup decides
 * for every shape of request: hash only, hash and text, or text alone.
 *
 * The check sits in `didResolveOperation`, the first hook whose refusal Apollo Server answers as a
 * GraphQL error through its normal path (error formatting, `willSendResponse`, so the request id
 * and any audit plugin still see the request). Unknown hashes never get here: the manifest-only
 * cache answers them with `PERSISTED_QUERY_NOT_FOUND`.
 */
export function trustedDocumentsPlugin<TContext extends BaseContext>(
  manifest: PersistedDocumentsManifest,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, request }) {
          if (manifest.has(queryHash)) return;
          const registering = request.extensions?.persistedQuery !== undefined;
          throw new GraphQLError(
            registering
              ? 'This gateway runs only trusted documents: registering new persisted queries is disabled. Add the operation to @sahem/client, run npm run codegen and deploy the new persisted-documents.json.'
              : 'This gateway runs only trusted documents: this operation is not in its persisted-documents.json. Send a shipped operation (by its sha256 hash or its exact text), or add it to @sahem/client, run npm run codegen and deploy the new manifest.',
            { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
          );
        },
      };
    },
  };
}
