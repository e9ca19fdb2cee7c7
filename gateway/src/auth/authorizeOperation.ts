import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Caller } from '@sahem/kit';
import { gatewayGraphql } from '../graphqlOfGateway.ts';
import { refusal } from './authorize.ts';
import { inlineFragments } from './inlineFragments.ts';
import type { Requirements } from './requirements.ts';

/** One step from the response root: into a field, or into the items of a list. */
export type Step =
  { kind: 'field'; key: string; nullable: boolean } | { kind: 'item'; nullable: boolean };

/** A field taken out of the operation because the caller may not see it. */
export interface Removal {
  /** Steps from the root to the removed field's own value (its last `field` step). */
  steps: Step[];
  /** Index in `steps` of the value that becomes null: the field, or its nearest nullable ancestor (-1: all data). */
  target: number;
  /** `Type.field`, for the error message. */
  coordinate: string;
  reason: string;
}

const {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
} = gatewayGraphql;

/** What authorizing an operation produced. */
export interface AuthorizedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  removals: Removal[];
  /** Objects that received a placeholder `__typename` because every field asked was removed. */
  placeholders: Step[][];
}

/** The alias of the placeholder kept where every selected field was removed. */
export const PLACEHOLDER = '__sahem_unauthorized';

/**
 * Takes every field the caller may not see out of the operation, before it is planned, so no
 * subgraph is even asked for it. The removals are remembered so the response can carry null
 * and a FORBIDDEN error at each one's path, as if the field had failed.
 */
export function authorizeOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  requirements: Requirements,
  caller: Caller,
): AuthorizedOperation {
  const removals: Removal[] = [];
  const placeholders: Step[][] = [];
  const root = schema.getRootType(operation.operation)!;

  const check = (parent: GraphQLCompositeType, field: FieldNode, type: GraphQLOutputType) => {
    const coordinate = `${parent.name}.${field.name.value}`;
    const demands = [
      requirements.fields.get(coordinate),
      requirements.types.get(getNamedType(type).name),
    ];
    for (const demand of demands) {
      const reason = demand && refusal(demand, caller);
      if (reason) return { coordinate, reason };
    }
    return null;
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    path: Step[],
  ): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : parent;
        selections.push({ ...selection, selectionSet: walk(selection.selectionSet, type, path) });
        continue;
      }
      if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) {
        selections.push(selection);
        continue;
      }
      const definition =
        isObjectType(parent) || isInterfaceType(parent)
          ? parent.getFields()[selection.name.value]
          : undefined;
      if (!definition) {
        selections.push(selection);
        continue;
      }
      const steps = [...path, ...stepsOf(selection, definition.type)];
      const refused = check(parent, selection, definition.type);
      if (refused) {
        const own = path.length;
        let target = own;
        while (target >= 0 && !steps[target]!.nullable) target--;
        removals.push({ steps: steps.slice(0, own + 1), target, ...refused });
        continue;
      }
      const named = getNamedType(definition.type);
      selections.push(
        selection.selectionSet && isCompositeType(named)
          ? { ...selection, selectionSet: walk(selection.selectionSet, named, steps) }
          : selection,
      );
    }
    if (selections.length === 0) {
      placeholders.push(path);
      selections.push({
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: PLACEHOLDER },
        name: { kind: Kind.NAME, value: '__typename' },
      });
    }
    return { ...selectionSet, selections };
  };

  const inlined = inlineFragments(document, operation);
  const authorized = { ...inlined, selectionSet: walk(inlined.selectionSet, root, []) };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [authorized] },
    operation: authorized,
    removals,
    placeholders,
  };
}

/** The value steps a field adds: the field itself, then one per list level. */
function stepsOf(field: FieldNode, type: GraphQLOutputType): Step[] {
  const steps: Step[] = [
    { kind: 'field', key: field.alias?.value ?? field.name.value, nullable: !isNonNullType(type) },
  ];
  let inner = getNullableType(type);
  while (isListType(inner)) {
    const item = inner.ofType as GraphQLOutputType;
    steps.push({ kind: 'item', nullable: !isNonNullType(item) });
    inner = getNullableType(item);
  }
  return steps;
}
