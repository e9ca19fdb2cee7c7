import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';

/** A field of an entity resolved by another subgraph than the one owning the entity. */
export interface BoundaryField {
  /** Schema coordinate, `Volunteer.participations`. */
  path: string;
  /** The field's type as written, `[Participation!]!`. */
  type: string;
  nonNull: boolean;
  /** The subgraph owning the parent entity (resolving most of its fields), `volunteers`. */
  owner: string;
  /** The subgraphs resolving the field, `programs`. */
  resolvedBy: string[];
}

const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

const argument = (directive: ConstDirectiveNode, name: string) =>
  directive.arguments?.find((entry) => entry.name.value === name)?.value;
const enumArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value.toLowerCase() : undefined;
};

/**
 * The fields of the supergraph's entities that cross a subgraph boundary, read from its
 * `@join__type` and `@join__field`: the entity's owner is the subgraph resolving most of its
 * fields, and a field it cannot resolve itself (`Volunteer.participations` from programs,
 * `Program.economicValue` from indicators) is fetched from another subgraph, which may fail on
 * its own. Such a field non-null turns that failure into a null of the whole entity, and so on
 * up to the nearest nullable field, perhaps the whole answer.
 */
export function boundaryFields(supergraphSdl: string): BoundaryField[] {
  const found: BoundaryField[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || ROOTS.has(definition.name.value))
      continue;
    const type = definition as ObjectTypeDefinitionNode;
    const joins = (type.directives ?? []).filter((d) => d.name.value === 'join__type');
    const graphs = [...new Set(joins.map((d) => enumArgument(d, 'graph')!))];
    // A value type, or a type of one subgraph: no fetch crosses into its fields.
    if (graphs.length < 2 || !joins.some((d) => argument(d, 'key'))) continue;
    const resolvers = new Map<string, string[]>();
    for (const field of type.fields ?? []) {
      const fieldJoins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const own = fieldJoins
        .filter((d) => {
          const external = argument(d, 'external');
          return !(external?.kind === Kind.BOOLEAN && external.value);
        })
        .map((d) => enumArgument(d, 'graph'))
        .filter((graph): graph is string => graph !== undefined);
      // No @join__field: every subgraph of the type resolves it.
      resolvers.set(field.name.value, fieldJoins.length === 0 ? graphs : [...new Set(own)]);
    }
    const counts = new Map(graphs.map((graph) => [graph, 0]));
    for (const by of resolvers.values())
      for (const graph of by) counts.set(graph, (counts.get(graph) ?? 0) + 1);
    const owner = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    for (const field of type.fields ?? []) {
      const by = resolvers.get(field.name.value)!;
      if (by.includes(owner)) continue;
      found.push({
        path: `${type.name.value}.${field.name.value}`,
        type: print(field.type),
        nonNull: field.type.kind === Kind.NON_NULL_TYPE,
        owner,
        resolvedBy: by,
      });
    }
  }
  return found;
}
