import {
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type InputValueDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';
import type { CostModel, FieldCost, InputCost, ListSize } from './CostModel.ts';

/** Options of {@link costModelFromSupergraph}. */
export interface CostModelOptions {
  /** Size assumed for a list nothing else describes. @default 10 */
  defaultListSize?: number;
}

const COMPOSITE = new Set<Kind>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.UNION_TYPE_EXTENSION,
]);
const INPUT = new Set<Kind>([Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_EXTENSION]);

/**
 * Reads the cost model of a supergraph: `@cost` and `@listSize` (cost spec v0.1, as composed
 * from the subgraphs) and the `requires` of `@join__field`. Directive names follow the
 * supergraph's `@link`s, so a renamed or imported directive is still found.
 */
export function costModelFromSupergraph(
  supergraphSdl: string,
  options: CostModelOptions = {},
): CostModel {
  const document = parse(supergraphSdl, { noLocation: true });
  const names = directiveNames(document);
  const model: CostModel = {
    rootTypes: {},
    fields: new Map(),
    inputFields: new Map(),
    defaultListSize: options.defaultListSize ?? 10,
  };

  // First the types: a field's default weight depends on what it returns.
  const composite = new Set<string>();
  const inputObjects = new Set<string>();
  const typeWeights = new Map<string, number>();
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const name = definition.name.value;
    if (COMPOSITE.has(definition.kind)) composite.add(name);
    if (INPUT.has(definition.kind)) inputObjects.add(name);
    const weight = costWeight(definition.directives, names.cost);
    if (weight !== undefined) typeWeights.set(name, weight);
  }

  const inputCost = (input: InputValueDefinitionNode): InputCost => {
    const type = namedType(input.type).name;
    const weight = costWeight(input.directives, names.cost) ?? typeWeights.get(type);
    return {
      type,
      inputObject: inputObjects.has(type),
      ...(weight !== undefined && { weight }),
      ...(input.defaultValue && { defaultValue: input.defaultValue }),
    };
  };

  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      for (const { operation, type } of definition.operationTypes ?? []) {
        model.rootTypes[operation] = type.name.value;
      }
    } else if (INPUT.has(definition.kind) && 'fields' in definition) {
      const fields = mapOf(model.inputFields, definition.name.value);
      for (const field of (definition.fields ?? []) as InputValueDefinitionNode[]) {
        fields.set(field.name.value, inputCost(field));
      }
    } else if (COMPOSITE.has(definition.kind) && 'fields' in definition) {
      const fields = mapOf(model.fields, definition.name.value);
      for (const field of definition.fields ?? []) {
        if (field.kind !== Kind.FIELD_DEFINITION) continue;
        const { name: type, list } = namedType(field.type);
        const listSize = readListSize(field.directives, names.listSize);
        const requires = readRequires(field.directives, names.joinField);
        const cost: FieldCost = {
          type,
          list,
          weight:
            costWeight(field.directives, names.cost) ??
            typeWeights.get(type) ??
            (composite.has(type) ? 1 : 0),
          arguments: new Map(
            (field.arguments ?? []).map((arg) => [arg.name.value, inputCost(arg)]),
          ),
          ...(listSize && { listSize }),
          ...(requires && { requires }),
        };
        fields.set(field.name.value, cost);
      }
    }
  }
  model.rootTypes.query ??= 'Query';
  if (!model.rootTypes.mutation && model.fields.has('Mutation'))
    model.rootTypes.mutation = 'Mutation';
  return model;
}

interface DirectiveNames {
  cost: string;
  listSize: string;
  joinField: string;
}

/** The names `@link` gives the cost and join directives in this supergraph. */
function directiveNames(document: DocumentNode): DirectiveNames {
  const names: DirectiveNames = { cost: 'cost', listSize: 'listSize', joinField: 'join__field' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) {
      continue;
    }
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = stringArgument(link, 'url') ?? '';
      const prefix = stringArgument(link, 'as');
      const imported = (name: string) => importedName(link, name);
      if (url.startsWith('https://specs.apollo.dev/cost/')) {
        names.cost = imported('cost') ?? prefix ?? 'cost';
        names.listSize = imported('listSize') ?? `${prefix ?? 'cost'}__listSize`;
      } else if (url.startsWith('https://specs.apollo.dev/join/')) {
        names.joinField = imported('field') ?? `${prefix ?? 'join'}__field`;
      }
    }
  }
  return names;
}

/** The local name of `@name` when the link imports it (`"@name"` or `{ name, as }`). */
function importedName(link: ConstDirectiveNode, name: string): string | undefined {
  const imports = link.arguments?.find((arg) => arg.name.value === 'import')?.value;
  if (imports?.kind !== Kind.LIST) return undefined;
  for (const entry of imports.values) {
    if (entry.kind === Kind.STRING && entry.value === `@${name}`) return name;
    if (entry.kind === Kind.OBJECT) {
      const field = (key: string) => {
        const value = entry.fields.find((f) => f.name.value === key)?.value;
        return value?.kind === Kind.STRING ? value.value : undefined;
      };
      if (field('name') === `@${name}`) return (field('as') ?? `@${name}`).replace(/^@/, '');
    }
  }
  return undefined;
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function numberValue(value: ConstValueNode | undefined): number | undefined {
  // The IBM spec types weights as strings ("1.5"); Apollo's cost spec as Int.
  if (value?.kind !== Kind.INT && value?.kind !== Kind.FLOAT && value?.kind !== Kind.STRING) {
    return undefined;
  }
  const number = Number(value.value);
  return Number.isFinite(number) ? number : undefined;
}

function stringList(value: ConstValueNode | undefined): string[] {
  if (value?.kind === Kind.STRING) return [value.value];
  if (value?.kind !== Kind.LIST) return [];
  return value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : []));
}

function costWeight(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): number | undefined {
  const cost = directives?.find((directive) => directive.name.value === name);
  return cost && numberValue(argument(cost, 'weight'));
}

function readListSize(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): ListSize | undefined {
  const listSize = directives?.find((directive) => directive.name.value === name);
  if (!listSize) return undefined;
  const assumedSize = numberValue(argument(listSize, 'assumedSize'));
  return {
    ...(assumedSize !== undefined && { assumedSize }),
    slicingArguments: stringList(argument(listSize, 'slicingArguments')),
    sizedFields: stringList(argument(listSize, 'sizedFields')),
  };
}

function readRequires(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): SelectionSetNode | undefined {
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const requires = stringArgument(directive, 'requires');
    if (!requires) continue;
    const [operation] = parse(`{ ${requires} }`, { noLocation: true }).definitions;
    if (operation?.kind === Kind.OPERATION_DEFINITION) return operation.selectionSet;
  }
  return undefined;
}

function namedType(type: TypeNode): { name: string; list: boolean } {
  if (type.kind === Kind.NAMED_TYPE) return { name: type.name.value, list: false };
  const inner = namedType(type.type);
  return { name: inner.name, list: inner.list || type.kind === Kind.LIST_TYPE };
}

function mapOf<V>(maps: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}
