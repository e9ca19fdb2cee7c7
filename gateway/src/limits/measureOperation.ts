import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What the operation limits are checked against, counted with every fragment expanded. */
export interface OperationMeasures {
  /** Deepest nesting of fields: `{ a { b } }` is 2. */
  depth: number;
  /** Fields given an alias. */
  aliases: number;
  /** Fields selected at the root of the operation. */
  rootFields: number;
  /** Directives applied anywhere: on the operation, its variables, fields and fragments. */
  directives: number;
  /**
   * Field selections once every fragment is expanded: the size of the tree the gateway's
   * authorization walk and query planner work on. Fragments that spread each other twice per
   * level double it at every level, so it is counted, never expanded.
   */
  fields: number;
}

interface Tally {
  depth: number;
  aliases: number;
  /** Fields at the level of the selection set itself, through fragments. */
  fields: number;
  directives: number;
  /** Fields at every level below and including this selection set, through fragments. */
  expanded: number;
}

const NOTHING: Tally = { depth: 0, aliases: 0, fields: 0, directives: 0, expanded: 0 };

// Introspection is bounded by graphql-js's own MaxIntrospectionDepthRule and is off in
// production; counted in full, the standard introspection query (13 levels) would not fit the
// default depth and development tools (Sandbox, codegen) would stop working.
const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * Measures the operation `operationName` of `document` (the only one when omitted). A fragment
 * counts wherever it is spread; each fragment is measured once, so a document spreading
 * fragments into each other cannot make this exponential. Meant for validated documents;
 * a fragment cycle (which validation refuses) counts as empty.
 */
export function measureOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationMeasures {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { depth: 0, aliases: 0, rootFields: 0, directives: 0, fields: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const measured = new Map<string, Tally>();
  const inProgress = new Set<string>();

  const fragment = (name: string): Tally => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const inner = tally(definition.selectionSet);
    inProgress.delete(name);
    const result = {
      ...inner,
      directives: inner.directives + (definition.directives?.length ?? 0),
    };
    measured.set(name, result);
    return result;
  };

  const tally = (selectionSet: SelectionSetNode): Tally => {
    const total = { ...NOTHING };
    for (const selection of selectionSet.selections) {
      let inner: Tally;
      if (selection.kind === Kind.FIELD) {
        const introspection = INTROSPECTION.has(selection.name.value);
        const below = selection.selectionSet ? tally(selection.selectionSet) : NOTHING;
        inner = {
          depth: introspection ? 1 : 1 + below.depth,
          aliases: below.aliases + (selection.alias ? 1 : 0),
          fields: 1,
          directives: below.directives,
          expanded: 1 + (introspection ? 0 : below.expanded),
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = tally(selection.selectionSet);
      } else {
        inner = fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.fields += inner.fields;
      total.directives += inner.directives + (selection.directives?.length ?? 0);
      total.expanded += inner.expanded;
    }
    return total;
  };

  const root = tally(operation.selectionSet);
  const variableDirectives = (operation.variableDefinitions ?? []).reduce(
    (sum, variable) => sum + (variable.directives?.length ?? 0),
    0,
  );
  return {
    depth: root.depth,
    aliases: root.aliases,
    rootFields: root.fields,
    directives: root.directives + (operation.directives?.length ?? 0) + variableDirectives,
    fields: root.expanded,
  };
}
