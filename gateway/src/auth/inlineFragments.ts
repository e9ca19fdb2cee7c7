import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The operation with every fragment spread replaced by an inline fragment of the same type
 * condition, so each selection has exactly one place (one response path) in the tree.
 * Validation has already refused fragment cycles, so the recursion ends.
 */
export function inlineFragments(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationDefinitionNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const inline = (selectionSet: SelectionSetNode): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.map((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)!;
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives ?? [],
          selectionSet: inline(fragment.selectionSet),
        };
      }
      if (selection.selectionSet)
        return { ...selection, selectionSet: inline(selection.selectionSet) };
      return selection;
    }),
  });
  return { ...operation, selectionSet: inline(operation.selectionSet) };
}
