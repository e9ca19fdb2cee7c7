import { createHash } from 'node:crypto';
import { operationFromDocument } from '@apollo/federation-internals';
import type { ApolloGateway } from '@apollo/gateway';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { Kind, parse } from 'graphql';

/** What of `ApolloGateway` planning needs; not in its public types (2.14). */
interface GatewayPlanning {
  apiSchema?: Parameters<typeof operationFromDocument>[0];
  queryPlanner?: {
    buildQueryPlan(
      operation: ReturnType<typeof operationFromDocument>,
      options?: {
        recursiveSelectionsLimitDisabled?: boolean;
        nonLocalSelectionsLimitDisabled?: boolean;
      },
    ): unknown;
  };
  queryPlanStore?: KeyValueCache<unknown>;
  recursiveSelectionsLimitDisabled?: boolean;
  nonLocalSelectionsLimitDisabled?: boolean;
}

const sha256 = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

/**
 * Plans every operation of the trusted documents against the supergraph in service and puts the
 * plans in the gateway's query-plan cache, under the keys `ApolloGateway` looks them up by (the
 * SHA-256 of the text, with the operation name when one is sent): the first request of each
 * operation after a start or a reload is then not the one that pays for planning. Only plans of
 * the documents as sent are warmed; a caller for whom authorization removes fields gets the
 * filtered document's plan, made on its first request. Returns the plans made; a document the
 * supergraph cannot plan (it no longer validates) is skipped and reported.
 */
export async function warmQueryPlans(
  gateway: ApolloGateway,
  texts: Iterable<string>,
  log: (line: string) => void,
): Promise<number> {
  const planning = gateway as unknown as GatewayPlanning;
  const { apiSchema, queryPlanner, queryPlanStore } = planning;
  if (!apiSchema || !queryPlanner || !queryPlanStore) return 0;
  let planned = 0;
  const failed: string[] = [];
  for (const text of new Set(texts)) {
    let document;
    try {
      document = parse(text);
    } catch {
      continue;
    }
    const names = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value] : [],
    );
    const queryHash = sha256(text);
    for (const name of names) {
      try {
        const plan = queryPlanner.buildQueryPlan(
          operationFromDocument(apiSchema, document, { operationName: name }),
          {
            recursiveSelectionsLimitDisabled: planning.recursiveSelectionsLimitDisabled ?? false,
            nonLocalSelectionsLimitDisabled: planning.nonLocalSelectionsLimitDisabled ?? false,
          },
        );
        if (name) await queryPlanStore.set(sha256(queryHash, name), plan);
        // A document of one operation may be sent without its name.
        if (names.length === 1) await queryPlanStore.set(queryHash, plan);
        planned += 1;
      } catch (error) {
        failed.push(`${name ?? 'anonymous'} (${(error as Error).message})`);
      }
    }
  }
  if (failed.length > 0) {
    log(`gateway: ${failed.length} trusted operations could not be planned: ${failed.join('; ')}`);
  }
  return planned;
}
