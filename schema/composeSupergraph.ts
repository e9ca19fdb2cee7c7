import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { GraphQLError, parse, print } from 'graphql';
import { normalizeContract } from '../gateway/src/agencies/normalizeContract.ts';
import { validateMergeRules } from '../gateway/src/agencies/validateMergeRules.ts';
import { SUBGRAPHS } from './subgraphs.ts';

const ROOT = new URL('..', import.meta.url);

/** A composition hint (its class is not exported by name). */
type CompositionHint = NonNullable<ReturnType<typeof composeServices>['hints']>[number];

/** What composing the subgraphs produced. */
export type Composition =
  | {
      ok: true;
      supergraphSdl: string;
      apiSchemaSdl: string;
      hints: CompositionHint[];
      /**
       * The contract of each subgraph served by several instances (one per agency), by name:
       * its SDL reduced to its meaning (`normalizeContract`). The gateway refuses an instance
       * whose `_service { sdl }` does not reduce to the same.
       */
      contracts: Record<string, string>;
    }
  | { ok: false; errors: GraphQLError[] };

/** The SDL of each subgraph, read from `subgraphs/<name>/schema.graphql`. */
export function readSubgraphs(overrides: Record<string, string> = {}) {
  return SUBGRAPHS.map(({ name, url }) => ({
    name,
    url,
    typeDefs: parse(
      overrides[name] ?? readFileSync(new URL(`subgraphs/${name}/schema.graphql`, ROOT), 'utf8'),
    ),
  }));
}

/**
 * Composes the subgraphs with Apollo's own composition library (what Rover would run) into
 * the supergraph the gateway plans with, and the API schema clients see.
 */
export function composeSupergraph(overrides?: Record<string, string>): Composition {
  const subgraphs = readSubgraphs(overrides);
  const result = composeServices(subgraphs);
  if (result.errors) return { ok: false, errors: result.errors };
  // A subgraph served by several instances (one per agency) says how the gateway combines their
  // answers; every field it may have to combine needs a rule, or the supergraph is not built.
  const instanced = subgraphs.filter(({ typeDefs }) =>
    print(typeDefs).includes('https://sahem.gov.sa/merge/'),
  );
  const mergeProblems = instanced.flatMap(({ name, typeDefs }) =>
    validateMergeRules(print(typeDefs)).map((problem) => new GraphQLError(`[${name}] ${problem}`)),
  );
  if (mergeProblems.length > 0) return { ok: false, errors: mergeProblems };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema()),
    hints: result.hints,
    contracts: Object.fromEntries(
      instanced.map(({ name, typeDefs }) => [name, normalizeContract(typeDefs)]),
    ),
  };
}
