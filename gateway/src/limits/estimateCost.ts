import {
  getOperationAST,
  Kind,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CostModel, FieldCost, InputCost } from './CostModel.ts';

type Variables = Readonly<Record<string, unknown>>;

/** How a `@listSize` parent sizes its `sizedFields` (a connection's `edges`). */
interface Sizing {
  size: number | undefined;
  fields: readonly string[];
}

// Mutations write: each one starts at this cost, whatever it selects (as Apollo's router does).
const MUTATION_BASE_COST = 10;

/**
 * Estimates what the operation `operationName` of `document` will cost before it runs, by the
 * IBM GraphQL cost specification as Apollo implements it:
 *
 * - a field costs its `@cost` weight, else its type's, else 1 when it returns an object,
 *   interface or union and 0 for a scalar or enum; plus what it selects;
 * - a list field's cost is multiplied by its estimated size: the largest slicing argument
 *   (`first`) given, else its default in the schema, else `assumedSize`, else the model's
 *   default list size; `sizedFields` (a connection's `edges`) take the size instead;
 * - arguments add their `@cost`, an input object 1 unless weighted;
 * - a field with `@requires` adds the cost of the fields it requires (the gateway fetches them);
 * - fields under `@skip(if: true)` or `@include(if: false)` cost nothing; a mutation adds 10.
 *
 * Pure: fragments are costed once per use context, so spreads cannot blow it up; fields the
 * model does not know (introspection) cost as unweighted ones.
 */
export function estimateCost(
  document: DocumentNode,
  model: CostModel,
  variables: Variables = {},
  operationName?: string | null,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  // Variables the request omits take the operation's defaults, as execution would.
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  Object.assign(values, variables);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const selectionSetCost = (
    selectionSet: SelectionSetNode | undefined,
    parentType: string,
    sizing?: Sizing,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const sized = sizing?.fields.includes(selection.name.value) ? sizing.size : undefined;
        cost += fieldCost(selection, parentType, sized);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition?.name.value ?? parentType;
        cost += selectionSetCost(selection.selectionSet, type, sizing);
      } else {
        cost += fragmentCost(selection.name.value, sizing);
      }
    }
    return cost;
  };

  const fragmentCost = (name: string, sizing: Sizing | undefined): number => {
    const key = sizing ? `${name}|${sizing.size}|${sizing.fields.join(',')}` : name;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const cost = selectionSetCost(fragment.selectionSet, fragment.typeCondition.name.value, sizing);
    inProgress.delete(name);
    fragmentCosts.set(key, cost);
    return cost;
  };

  const fieldCost = (field: FieldNode, parentType: string, sizedByParent?: number): number => {
    if (field.name.value === '__typename' || skipped(field.directives, values)) return 0;
    const definition = model.fields.get(parentType)?.get(field.name.value);
    if (!definition) {
      return (field.selectionSet ? 1 : 0) + selectionSetCost(field.selectionSet, '');
    }
    const expected = expectedSize(field, definition, values);
    const instances = definition.list ? (sizedByParent ?? expected ?? model.defaultListSize) : 1;
    const sizing = definition.listSize && {
      size: expected,
      fields: definition.listSize.sizedFields,
    };
    const typeCost =
      definition.weight + selectionSetCost(field.selectionSet, definition.type, sizing);
    let argumentsCost = 0;
    for (const argument of field.arguments ?? []) {
      const input = definition.arguments.get(argument.name.value);
      if (!input) continue;
      argumentsCost += valueCost(valueFromASTUntyped(argument.value, values), input, model);
    }
    const requiresCost = definition.requires
      ? selectionSetCost(definition.requires, parentType, sizing)
      : 0;
    return instances * typeCost + argumentsCost + requiresCost;
  };

  const rootType = model.rootTypes[operation.operation] ?? '';
  const base = operation.operation === 'mutation' ? MUTATION_BASE_COST : 0;
  return base + selectionSetCost(operation.selectionSet, rootType);
}

/** The largest slicing argument given (or defaulted in the schema), else `assumedSize`. */
function expectedSize(
  field: FieldNode,
  definition: FieldCost,
  variables: Variables,
): number | undefined {
  const listSize = definition.listSize;
  if (!listSize) return undefined;
  let largest: number | undefined;
  for (const path of listSize.slicingArguments) {
    const [name = '', ...rest] = path.split('.');
    const given = field.arguments?.find((argument) => argument.name.value === name)?.value;
    const fallback = definition.arguments.get(name)?.defaultValue;
    let value: unknown = given ? valueFromASTUntyped(given, variables) : undefined;
    if (value === undefined || value === null) {
      value = fallback ? valueFromASTUntyped(fallback) : undefined;
    }
    for (const key of rest) value = (value as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
      largest = Math.max(largest ?? 0, value);
    }
  }
  return largest ?? listSize.assumedSize;
}

/** Apollo's argument scoring: an input object costs 1 unless weighted, plus its fields. */
function valueCost(value: unknown, input: InputCost, model: CostModel): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) {
    return value.reduce<number>(
      (sum, item) => sum + valueCost(item, input, model),
      input.weight ?? 0,
    );
  }
  if (input.inputObject && typeof value === 'object') {
    const fields = model.inputFields.get(input.type);
    let cost = input.weight ?? 1;
    for (const [name, inner] of Object.entries(value)) {
      const field = fields?.get(name);
      if (field) cost += valueCost(inner, field, model);
    }
    return cost;
  }
  return input.weight ?? 0;
}

function skipped(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
    const value = condition && valueFromASTUntyped(condition.value, variables);
    if ((name === 'skip' && value === true) || (name === 'include' && value === false)) {
      return true;
    }
  }
  return false;
}
