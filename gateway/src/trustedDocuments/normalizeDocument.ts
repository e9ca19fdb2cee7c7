import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { Kind, visit, type DocumentNode } from 'graphql';

/**
 * The normal form a trusted document is recognised by when a client sends its full text: the
 * document printed as the codegen client preset prints it for the manifest (one line, fields,
 * arguments and fragments sorted), without the `__typename` fields that clients such as Apollo
 * Client add to every selection set for their caches. Two documents with the same normal form ask
 * the same fields with the same arguments, directives and variables, so a trusted document sent by
 * `graphql-request` (graphql-js `print`, source order, line breaks) or by Apollo Client (with
 * `__typename`) is the manifest's document, whatever its bytes.
 *
 * An aliased `__typename` is kept: clients add it unaliased, so an alias is the author's choice.
 */
export function normalizeDocument(document: DocumentNode): string {
  const withoutTypename = visit(document, {
    [Kind.FIELD](field) {
      return field.name.value === '__typename' && !field.alias ? null : undefined;
    },
  });
  return printExecutableGraphQLDocument(withoutTypename);
}
