import { createHash } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { print } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Caller } from '@sahem/kit';
import type { AuthorizedOperation } from './authorizeOperation.ts';
import type { Requirements } from './requirements.ts';

/** What authorizing one document for one kind of caller decided. */
export interface AuthorizationDecision {
  result: AuthorizedOperation;
  /** The query hash of the filtered document (its plan is cached under it); none without removals. */
  queryHash: string | undefined;
}

/** The request an authorization decision is remembered for. */
export interface AuthorizationRequest {
  /** Apollo Server's SHA-256 of the query text. */
  queryHash: string;
  operationName: string | null;
  schema: GraphQLSchema;
}

/**
 * What of a caller the authorization rules read (`refusal`: anonymous or not, scopes, and the
 * policies, which read the role and the agency): two callers with the same key get the same
 * decision on any document. A rule that reads anything else of the caller must be added here,
 * or the memo would hand one caller's decision to another.
 */
export function authorizationKey(caller: Caller): string {
  // Once per caller the bearer-token cache handed out (frozen), not once per request.
  const known = keys.get(caller);
  if (known !== undefined) return known;
  const key = JSON.stringify([caller.role, caller.agency, [...new Set(caller.scopes)].sort()]);
  if (Object.isFrozen(caller) && Object.isFrozen(caller.scopes)) keys.set(caller, key);
  return key;
}

const keys = new WeakMap<Caller, string>();

/**
 * Remembers authorization decisions per (document, operation, caller's role, agency and scopes)
 * in a bounded LRU, so the gateway walks a document against the rules once per kind of caller
 * rather than on every request. A new schema or new requirements (a supergraph reload) forget
 * everything remembered.
 */
export function createAuthorizationMemo(size = 2_000) {
  const entries = new LRUCache<string, AuthorizationDecision>({ max: Math.max(1, size) });
  let schema: GraphQLSchema | undefined;
  let requirements: Requirements | undefined;
  return {
    /** The decision for this request and caller: remembered, or computed by `authorize` and kept. */
    decide(
      request: AuthorizationRequest,
      rules: Requirements,
      caller: Caller,
      authorize: () => AuthorizedOperation,
    ): AuthorizationDecision {
      if (request.schema !== schema || rules !== requirements) {
        entries.clear();
        schema = request.schema;
        requirements = rules;
      }
      const key = `${request.queryHash}\n${request.operationName ?? ''}\n${authorizationKey(caller)}`;
      const known = entries.get(key);
      if (known) return known;
      const result = authorize();
      const decision: AuthorizationDecision = {
        result,
        queryHash:
          result.removals.length > 0
            ? createHash('sha256').update(print(result.document)).digest('hex')
            : undefined,
      };
      entries.set(key, decision);
      return decision;
    },
    /** Decisions remembered now. */
    get size() {
      return entries.size;
    },
  };
}
