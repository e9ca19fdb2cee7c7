import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { MERGE_RULES, readMergeRules, type MergeRule } from './mergeRules.ts';

const namedType = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);

// Rules under which the gateway puts an object together from several instances' answers: every
// field of the object's type then needs a rule of its own.
const MERGING = new Set(['object', 'keyed', 'cells']);

/**
 * What is wrong with the `@merge` rules of a subgraph that several instances serve (the
 * programs contract): an unknown rule, a rule without what it needs, a root field, mutation or
 * entity type without a rule, or a field the gateway may have to merge across instances without
 * one. Composition fails on any of these (`schema/composeSupergraph.ts`), so the gateway never
 * meets a field it does not know how to combine.
 */
export function validateMergeRules(subgraphSdl: string): string[] {
  const document = parse(subgraphSdl, { noLocation: true });
  const rules = readMergeRules(document);
  const problems: string[] = [];
  const objectFields = new Map<string, Map<string, FieldDefinitionNode>>();
  const keyed = new Set<string>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const fields = objectFields.get(definition.name.value) ?? new Map();
    for (const field of definition.fields ?? []) fields.set(field.name.value, field);
    objectFields.set(definition.name.value, fields);
    const key = definition.directives?.find((directive) => directive.name.value === 'key');
    const resolvable = key?.arguments?.find((argument) => argument.name.value === 'resolvable');
    if (key && !(resolvable?.value.kind === Kind.BOOLEAN && !resolvable.value.value)) {
      keyed.add(definition.name.value);
    }
  }

  const check = (where: string, rule: MergeRule, owner: string) => {
    if (!(MERGE_RULES as readonly string[]).includes(rule.rule)) {
      problems.push(
        `${where}: unknown merge rule "${rule.rule}" (one of ${MERGE_RULES.join(', ')})`,
      );
      return;
    }
    if (['owner', 'keyed', 'cells', 'top'].includes(rule.rule) && !rule.by) {
      problems.push(`${where}: the ${rule.rule} rule needs \`by\``);
    }
    if (rule.rule === 'median') {
      // The histogram the median is taken from: a keyed list of buckets beside it.
      const histogram = rule.by ? rules.fields.get(`${owner}.${rule.by}`) : undefined;
      if (!rule.by) problems.push(`${where}: the median rule needs \`by\` (its histogram field)`);
      else if (histogram?.rule !== 'keyed' || histogram.by !== 'value') {
        problems.push(
          `${where}: ${owner}.${rule.by} is not a histogram (a list keyed by value of { value count })`,
        );
      }
    }
    if (rule.rule === 'connection' && !rule.order) {
      problems.push(`${where}: the connection rule needs \`order\``);
    }
    const sketches = rule.sketch ?? [];
    if (rule.rule === 'distinct' && sketches.length !== 1) {
      problems.push(`${where}: the distinct rule needs one sketch field`);
    }
    if (rule.rule === 'intersection' && sketches.length !== 2) {
      problems.push(`${where}: the intersection rule needs two sketch fields`);
    }
    for (const sketch of sketches) {
      if (rules.fields.get(`${owner}.${sketch}`)?.rule !== 'sketch') {
        problems.push(`${where}: ${owner}.${sketch} is not a field with the sketch rule`);
      }
    }
  };
  for (const [type, rule] of rules.types) check(type, rule, type);
  for (const [coordinate, rule] of rules.fields) check(coordinate, rule, coordinate.split('.')[0]!);

  for (const root of ['Query', 'Mutation']) {
    for (const name of objectFields.get(root)?.keys() ?? []) {
      if (name.startsWith('_')) continue;
      const rule = rules.fields.get(`${root}.${name}`);
      if (!rule)
        problems.push(
          `${root}.${name} has no @merge rule: how should several instances answer it?`,
        );
      else if (root === 'Mutation' && rule.rule !== 'owner') {
        problems.push(
          `Mutation.${name}: a mutation goes to exactly one instance, so its rule must be owner`,
        );
      }
    }
  }
  for (const type of keyed) {
    const rule = rules.types.get(type);
    if (!rule)
      problems.push(`${type} is an entity without a @merge rule on its type: owner, object or any`);
    else if (!['owner', 'object', 'any'].includes(rule.rule)) {
      problems.push(`${type}: an entity type is routed by owner, object or any, not ${rule.rule}`);
    }
  }

  // Every type the gateway may put together from several answers, and what leads there.
  const merged = new Map<string, string>();
  const visit = (type: string, via: string) => {
    if (merged.has(type) || !objectFields.has(type)) return;
    if (rules.types.get(type)?.rule === 'owner') return;
    merged.set(type, via);
    for (const [name, field] of objectFields.get(type)!) {
      const rule = rules.fields.get(`${type}.${name}`);
      if (!rule) {
        problems.push(
          `${type}.${name} has no @merge rule, but ${type} is merged across instances (${via})`,
        );
        continue;
      }
      if (MERGING.has(rule.rule)) visit(namedType(field.type), `${type}.${name}`);
    }
  };
  for (const [type, rule] of rules.types)
    if (rule.rule === 'object') visit(type, `${type} is routed to every instance`);
  for (const [coordinate, rule] of rules.fields) {
    if (!MERGING.has(rule.rule)) continue;
    const [type, name] = coordinate.split('.') as [string, string];
    const field = objectFields.get(type)?.get(name);
    if (field) visit(namedType(field.type), coordinate);
  }
  return problems;
}
