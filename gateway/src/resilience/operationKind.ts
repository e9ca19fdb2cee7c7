import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** The kind of a GraphQL operation sent to a subgraph. */
export type OperationKind = 'query' | 'mutation' | 'subscription';

// The planner (and the agency routing) print the operation first: its first token says what it
// is. Comments, commas and a byte-order mark are ignored tokens in GraphQL.
const LEADING = /^(?:[\s,\uFEFF]|#[^\n\r]*)*(query|mutation|subscription|fragment|\{)/;

/**
 * Whether a subgraph operation is a query, a mutation or a subscription, from its text: the
 * first token, or (when a fragment comes first, or the text is not the planner's) a parse.
 * Text that does not parse is a `mutation`: what cannot be told safe is never retried.
 */
export function operationKind(query: string): OperationKind {
  const first = LEADING.exec(query)?.[1];
  if (first === '{' || first === 'query') return 'query';
  if (first === 'mutation' || first === 'subscription') return first;
  try {
    const operation = parse(query).definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
    return operation?.operation ?? 'mutation';
  } catch {
    return 'mutation';
  }
}
