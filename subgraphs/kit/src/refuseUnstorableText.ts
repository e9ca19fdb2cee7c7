import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, Kind, visit, type DocumentNode } from 'graphql';
import { BAD_USER_INPUT } from './errors.ts';

/** Where the first NUL of a variable value is, as `variables.input.fullName`; else null. */
function nulInVariables(variables: Record<string, unknown> | undefined): string | null {
  // Iterative, so no nesting of a caller's JSON can overflow the stack here.
  const stack: [unknown, string][] = [[variables, 'variables']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, `${path}.${index}`]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, `${path}.${key}`]);
    }
  }
  return null;
}

// Apollo Server hands out one parsed document per query text (its document cache), so each
// document is walked once, not on every request that sends it.
const checked = new WeakMap<DocumentNode, boolean>();

function nulInDocument(document: DocumentNode): boolean {
  const known = checked.get(document);
  if (known !== undefined) return known;
  const found = walkForNul(document);
  checked.set(document, found);
  return found;
}

function walkForNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (!node.value.includes('\u0000')) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * Refuses text that no store can keep, before anything runs: the NUL character (U+0000), which
 * PostgreSQL's `text` refuses. Without this a NUL in an input reaches the database and comes
 * back as an internal error (HTTP 500) after part of the work was done; with it the caller gets
 * BAD_USER_INPUT naming the variable. Used by the gateway and by every subgraph, each of which
 * defends itself.
 */
export function refuseUnstorableText<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const path = nulInVariables(request.variables);
          if (path !== null || nulInDocument(document)) {
            throw BAD_USER_INPUT.err(
              'Text may not contain the NUL character (U+0000): remove it and send again.',
              { ...(path !== null && { field: path }), http: { status: 400 } },
            );
          }
        },
      };
    },
  };
}
