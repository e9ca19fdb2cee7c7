import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../GatewayContext.ts';
import type { ResponseCache } from './responseCache.ts';
import { visibilityOf } from './visibilityOf.ts';

/** The response header saying whether a cacheable operation was answered from the cache. */
export const CACHE_HEADER = 'x-sahem-cache';

/** Whether every root field of `operation` is one the cache may hold (a query, no fragments). */
export function isCacheable(
  operation: OperationDefinitionNode | undefined,
  fields: ReadonlySet<string>,
): boolean {
  if (operation?.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (selection) =>
      selection.kind === Kind.FIELD &&
      (fields.has(selection.name.value) || selection.name.value === '__typename'),
  );
}

/**
 * Answers an operation made only of aggregate root fields from the cache when an answer to the
 * same document, variables and caller visibility is younger than the staleness bound, and
 * keeps every such answer that has no error. A hit says `x-sahem-cache: hit` and its `age` in
 * seconds; the checks before it (limits, rate limits, authorization) run on every request,
 * hit or not. Every mutation that reaches execution clears the cache: what it changed is never
 * served stale by this process. Installed after the checks, before the request log and audit,
 * which record a hit as they record any answer.
 */
export function responseCachePlugin(
  cache: ResponseCache,
  observe?: (result: 'hit' | 'miss') => void,
): ApolloServerPlugin<GatewayContext> {
  const fields = new Set(cache.options.fields);
  return {
    async requestDidStart() {
      let key: string | undefined;
      let generation = 0;
      let hit = false;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue }) {
          if (!queryHash || !isCacheable(operation, fields)) return null;
          generation = cache.generation;
          key = createHash('sha256')
            .update(queryHash)
            .update('\n')
            .update(request.operationName ?? '')
            .update('\n')
            .update(JSON.stringify(request.variables ?? {}))
            .update('\n')
            .update(visibilityOf(contextValue.caller))
            .digest('base64url');
          const cached = cache.get(key);
          observe?.(cached ? 'hit' : 'miss');
          if (!cached) return null;
          hit = true;
          // The audit trail names the subgraphs and agencies behind the answer, cached or not.
          for (const subgraph of cached.subgraphs) contextValue.subgraphsCalled.add(subgraph);
          for (const agency of cached.agencies) contextValue.agenciesReturned.add(agency);
          const headers = new HeaderMap();
          headers.set(CACHE_HEADER, 'hit');
          headers.set('age', String(Math.floor((Date.now() - cached.storedAt) / 1000)));
          return {
            http: { status: undefined, headers },
            body: { kind: 'single', singleResult: { data: JSON.parse(cached.data) as never } },
          } satisfies GraphQLResponse;
        },
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation === 'mutation') {
            cache.clear();
            return;
          }
          if (!key || hit) return;
          response.http.headers.set(CACHE_HEADER, 'miss');
          const { body } = response;
          // Only whole answers: an error (a subgraph down, a field refused) is never served again.
          if (body.kind !== 'single' || body.singleResult.errors || !body.singleResult.data) return;
          if (response.http.status !== undefined && response.http.status !== 200) return;
          cache.set(
            key,
            {
              data: JSON.stringify(body.singleResult.data),
              storedAt: Date.now(),
              subgraphs: [...contextValue.subgraphsCalled],
              agencies: [...contextValue.agenciesReturned],
            },
            generation,
          );
        },
      };
    },
  };
}
