import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSchema } from '@apollo/federation-internals';
import { parse, type GraphQLError } from 'graphql';
import { SUBGRAPHS } from './subgraphs.ts';

const ROOT = new URL('..', import.meta.url);

/** A composition hint (its class is not exported by name). */
type CompositionHint = NonNullable<ReturnType<typeof composeServices>['hints']>[number];

/** What composing the subgraphs produced. */
export type Composition =
  | { ok: true; supergraphSdl: string; apiSchemaSdl: string; hints: CompositionHint[] }
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
  const result = composeServices(readSubgraphs(overrides));
  if (result.errors) return { ok: false, errors: result.errors };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(result.schema.toAPISchema()),
    hints: result.hints,
  };
}
