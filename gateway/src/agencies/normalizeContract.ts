import {
  Kind,
  parse,
  print,
  visit,
  type ASTNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';

// What a subgraph library adds to `_service { sdl }` on its own: the federation and link
// machinery, the same for every subgraph, not part of what the contract says.
const MACHINERY_DIRECTIVES = new Set([
  'key',
  'shareable',
  'external',
  'requires',
  'provides',
  'override',
  'inaccessible',
  'composeDirective',
  'interfaceObject',
  'extends',
  'tag',
  'authenticated',
  'requiresScopes',
  'policy',
  'cost',
  'listSize',
  'context',
  'fromContext',
  'link',
]);
const machineryType = (name: string) => /^(_|federation__|link__)/.test(name);

/** The definitions that carry the contract, and the schema's `@link`s as one extension. */
function contractDefinitions(document: DocumentNode): DefinitionNode[] {
  const links: ConstDirectiveNode[] = [];
  const kept: DefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      for (const directive of definition.directives ?? []) {
        const url = directive.arguments?.find((argument) => argument.name.value === 'url');
        const self = url?.value.kind === Kind.STRING && url.value.value.includes('/link/v1.0');
        if (!self) links.push(directive);
      }
      continue;
    }
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
      const name = definition.name.value;
      if (MACHINERY_DIRECTIVES.has(name) || machineryType(name)) continue;
    } else if ('name' in definition && definition.name && machineryType(definition.name.value)) {
      continue;
    }
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === 'Query'
    ) {
      kept.push({
        ...definition,
        fields: definition.fields?.filter((field) => !field.name.value.startsWith('_')),
      });
      continue;
    }
    kept.push(definition);
  }
  if (links.length > 0) kept.push({ kind: Kind.SCHEMA_EXTENSION, directives: links });
  return kept;
}

const nameOf = (node: { name?: { value: string } }) => node.name?.value ?? '';
const byName = <T extends { name?: { value: string } }>(nodes: readonly T[] | undefined) =>
  [...(nodes ?? [])].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));

/**
 * A subgraph's SDL reduced to what it means, so two prints of the same contract compare equal
 * whatever stack printed them: no descriptions or comments, none of the federation and link
 * definitions a subgraph library adds, definitions sorted by kind and name, and fields,
 * arguments, enum values and directives sorted within them. What is left is every type, field,
 * argument, default, key, authorization, cost and `@merge` rule, and the schema's `@link`s.
 */
export function normalizeContract(sdl: string | DocumentNode): string {
  const parsed = typeof sdl === 'string' ? parse(sdl, { noLocation: true }) : sdl;
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: contractDefinitions(parsed) };
  const sorted = visit(document, {
    enter(node: ASTNode) {
      if (!('description' in node) && !('fields' in node) && !('directives' in node)) {
        return undefined;
      }
      const copy: Record<string, unknown> = { ...node };
      if ('description' in copy) delete copy.description;
      for (const key of ['fields', 'values', 'arguments', 'interfaces', 'types'] as const) {
        if (Array.isArray(copy[key]) && node.kind !== Kind.FIELD) {
          copy[key] = byName(copy[key] as { name?: { value: string } }[]);
        }
      }
      if (Array.isArray(copy.directives)) {
        copy.directives = [...(copy.directives as ASTNode[])].sort((a, b) =>
          print(a) < print(b) ? -1 : print(a) > print(b) ? 1 : 0,
        );
      }
      return copy as unknown as ASTNode;
    },
  });
  const definitions = [...sorted.definitions].sort((a, b) => {
    const left = `${a.kind}:${nameOf(a as never)}`;
    const right = `${b.kind}:${nameOf(b as never)}`;
    return left < right ? -1 : left > right ? 1 : print(a) < print(b) ? -1 : 1;
  });
  return print({ kind: Kind.DOCUMENT, definitions });
}
