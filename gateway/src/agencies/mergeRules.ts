import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** The rules a `@merge` directive can name; see the directive's description in the contract. */
export const MERGE_RULES = [
  'owner',
  'object',
  'any',
  'concat',
  'top',
  'sum',
  'min',
  'median',
  'keyed',
  'cells',
  'union',
  'connection',
  'distinct',
  'intersection',
  'sketch',
  'coverage',
  'accuracy',
] as const;
export type MergeRuleName = (typeof MERGE_RULES)[number];

/** One `@merge(rule:, by:, order:, sketch:)`. */
export interface MergeRule {
  rule: MergeRuleName;
  /**
   * owner: the argument path or key field naming the agency; keyed and cells: the key; concat
   * and top: the order; median: the field of the same type holding the histogram it is taken
   * from.
   */
  by?: string;
  /** connection: the field the global order follows (`id`). */
  order?: string;
  /** distinct, intersection: the sketch fields the count is estimated from. */
  sketch?: string[];
}

/** Every `@merge` of a document: on types (entity routing) and on fields (`Type.field`). */
export interface MergeRules {
  types: ReadonlyMap<string, MergeRule>;
  fields: ReadonlyMap<string, MergeRule>;
}

const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};

/**
 * Reads the `@merge` directives of a supergraph (the gateway) or of the contract subgraph's SDL
 * (composition checks). Unknown rule names are read as they are and reported by
 * `validateMergeRules`; the gateway refuses a supergraph with any problem.
 */
export function readMergeRules(sdl: string | DocumentNode): MergeRules {
  const document = typeof sdl === 'string' ? parse(sdl, { noLocation: true }) : sdl;
  const types = new Map<string, MergeRule>();
  const fields = new Map<string, MergeRule>();
  const ruleOf = (directives: readonly ConstDirectiveNode[] | undefined) => {
    const directive = directives?.find((entry) => entry.name.value === 'merge');
    if (!directive) return undefined;
    const by = stringArgument(directive, 'by');
    const order = stringArgument(directive, 'order');
    const sketch = stringArgument(directive, 'sketch');
    return {
      rule: (stringArgument(directive, 'rule') ?? '') as MergeRuleName,
      ...(by !== undefined && { by }),
      ...(order !== undefined && { order }),
      ...(sketch !== undefined && { sketch: sketch.split(/\s+/).filter(Boolean) }),
    };
  };
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeRule = ruleOf(definition.directives);
    if (typeRule) types.set(definition.name.value, typeRule);
    for (const field of definition.fields ?? []) {
      const fieldRule = ruleOf(field.directives);
      if (fieldRule) fields.set(`${definition.name.value}.${field.name.value}`, fieldRule);
    }
  }
  return { types, fields };
}
