import { Kind, parse, type ConstValueNode, type TypeNode } from 'graphql';
import { readMergeRules, type MergeRule, type MergeRules } from './mergeRules.ts';

/** A field as the merge needs to know it: what it returns and its arguments' defaults. */
export interface ContractField {
  /** The named type it returns. */
  type: string;
  list: boolean;
  /** Default values of its arguments, by name. */
  defaults: ReadonlyMap<string, ConstValueNode>;
  rule?: MergeRule;
}

/** What the gateway knows of the contract several instances serve, from the supergraph. */
export interface ContractModel {
  rules: MergeRules;
  field(type: string, name: string): ContractField | undefined;
  /** The routing rule of an entity type (`owner`, `object`, `any`). */
  typeRule(type: string): MergeRule | undefined;
  /** The fields of `type` with the `sketch` rule. */
  sketchesOf(type: string): readonly string[];
  /** The fields of an entity type's key (`@join__type(key: "regionCode period")`). */
  keysOf(type: string): readonly string[];
}

const unwrap = (type: TypeNode): { type: string; list: boolean } =>
  type.kind === Kind.NAMED_TYPE
    ? { type: type.name.value, list: false }
    : type.kind === Kind.LIST_TYPE
      ? { type: unwrap(type.type).type, list: true }
      : unwrap(type.type);

/** Reads the types, fields and `@merge` rules of a supergraph SDL. */
export function contractModel(supergraphSdl: string): ContractModel {
  const document = parse(supergraphSdl, { noLocation: true });
  const rules = readMergeRules(document);
  const types = new Map<string, Map<string, ContractField>>();
  const keys = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && !keys.has(definition.name.value)) {
      // Every subgraph of this graph keys an entity by the same fields: the first key will do.
      const key = definition.directives
        ?.filter((directive) => directive.name.value === 'join__type')
        .flatMap((directive) => directive.arguments ?? [])
        .find((argument) => argument.name.value === 'key');
      if (key?.value.kind === Kind.STRING)
        keys.set(definition.name.value, key.value.value.split(/\s+/).filter(Boolean));
    }
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const fields = types.get(definition.name.value) ?? new Map<string, ContractField>();
    for (const field of definition.fields ?? []) {
      const rule = rules.fields.get(`${definition.name.value}.${field.name.value}`);
      fields.set(field.name.value, {
        ...unwrap(field.type),
        defaults: new Map(
          (field.arguments ?? []).flatMap((argument) =>
            argument.defaultValue ? [[argument.name.value, argument.defaultValue] as const] : [],
          ),
        ),
        ...(rule && { rule }),
      });
    }
    types.set(definition.name.value, fields);
  }
  return {
    rules,
    field: (type, name) => types.get(type)?.get(name),
    typeRule: (type) => rules.types.get(type),
    keysOf: (type) => keys.get(type) ?? [],
    sketchesOf: (type) =>
      [...(types.get(type) ?? new Map<string, ContractField>())]
        .filter(([, field]) => field.rule?.rule === 'sketch')
        .map(([name]) => name),
  };
}
