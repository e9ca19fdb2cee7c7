import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type Path = (string | number)[];

// Planner fetches repeat: what each query text affects is kept (bounded).
interface FetchShape {
  /** The response key of `_entities`, in an entity fetch. */
  entities?: string;
  /** The variable holding the representations, in an entity fetch. */
  representations?: string;
  /** Response keys of the fields filled, by the type condition they sit under ('' for none). */
  byType: Map<string, string[]>;
}
const cache = new Map<string, FetchShape>();

/**
 * The paths, in a subgraph's answer, of what a fetch that failed would have filled: each root
 * field of a root fetch (`[volunteer]`), and each field of each entity of an `_entities` fetch
 * (`[_entities, 3, participations]`, which the gateway maps onto the client's path). An error at
 * each of them nulls exactly the fields that subgraph owns, and says so where they are.
 */
export function failedFetchPaths(query: string, variables: Record<string, unknown> = {}): Path[] {
  let shape = cache.get(query);
  if (!shape) {
    shape = shapeOf(query);
    if (cache.size >= 1_000) cache.delete(cache.keys().next().value!);
    cache.set(query, shape);
  }
  if (shape.entities === undefined) {
    return [...new Set([...shape.byType.values()].flat())].map((key) => [key]);
  }
  const representations = variables[shape.representations ?? 'representations'];
  if (!Array.isArray(representations)) return [];
  return (representations as ({ __typename?: unknown } | null)[]).flatMap(
    (representation, index) => {
      const keys = [
        ...(shape.byType.get('') ?? []),
        ...(shape.byType.get(String(representation?.__typename)) ?? []),
      ];
      return keys.length > 0
        ? keys.map((key) => [shape.entities!, index, key])
        : [[shape.entities!, index]];
    },
  );
}

function shapeOf(query: string): FetchShape {
  let document;
  try {
    document = parse(query);
  } catch {
    return { byType: new Map() };
  }
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  if (!operation) return { byType: new Map() };
  const roots = fieldsByType(operation.selectionSet, fragments, '');
  const entities = (roots.get('') ?? []).find((field) => field.name.value === '_entities');
  if (!entities?.selectionSet) return { byType: keysOf(roots) };
  const argument = entities.arguments?.find((entry) => entry.name.value === 'representations');
  return {
    entities: entities.alias?.value ?? '_entities',
    ...(argument?.value.kind === Kind.VARIABLE && { representations: argument.value.name.value }),
    byType: keysOf(fieldsByType(entities.selectionSet, fragments, '')),
  };
}

/** The fields of a selection set by the type condition they sit under ('' for none). */
function fieldsByType(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  type: string,
  into = new Map<string, FieldNode[]>(),
  seen = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      into.set(type, [...(into.get(type) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsByType(
        selection.selectionSet,
        fragments,
        selection.typeCondition?.name.value ?? type,
        into,
        seen,
      );
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment)
        fieldsByType(
          fragment.selectionSet,
          fragments,
          fragment.typeCondition.name.value,
          into,
          seen,
        );
    }
  }
  return into;
}

function keysOf(fields: Map<string, FieldNode[]>): Map<string, string[]> {
  return new Map(
    [...fields].map(([type, list]) => [
      type,
      [...new Set(list.map((field) => field.alias?.value ?? field.name.value))],
    ]),
  );
}
