import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ContractModel } from './contractModel.ts';
import { fieldsOf } from './mergeAnswers.ts';

type Json = Record<string, unknown>;

/**
 * Prefix of the key fields the gateway adds, aliased, under every entity whose data spans
 * agencies (`__sahemKey_id: id`), so it can ask every instance for it; removed from the answer.
 */
export const KEY_ALIAS_PREFIX = '__sahemKey_';

/** Whether the contract merges `type` across instances (its data spans agencies: a volunteer). */
export const spans = (model: ContractModel, type: string) =>
  model.typeRule(type)?.rule === 'object';

/**
 * The operation with the key fields of every entity that spans agencies selected (aliased)
 * wherever one is reached, in the operation and in its fragments. A volunteer reached through an
 * agency's program or participation is answered by that agency's instance alone; with its key
 * the gateway can ask every instance for it (see {@link spanningSites}).
 */
export function withSpanningKeys(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  model: ContractModel,
): { operation: OperationDefinitionNode; fragments: Map<string, FragmentDefinitionNode> } {
  const rootType = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const rewrite = (set: SelectionSetNode, type: string): SelectionSetNode => ({
    ...set,
    selections: set.selections.map((selection): SelectionNode => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) return selection;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition?.name.value ?? type;
        return { ...selection, selectionSet: rewrite(selection.selectionSet, inner) };
      }
      if (!selection.selectionSet) return selection;
      const child =
        selection.name.value === '_entities'
          ? '_Entity'
          : model.field(type, selection.name.value)?.type;
      if (!child) return selection;
      const rewritten = rewrite(selection.selectionSet, child);
      return {
        ...selection,
        selectionSet: spans(model, child) ? withKeys(rewritten, model.keysOf(child)) : rewritten,
      };
    }),
  });
  const rewrittenFragments = new Map(
    [...fragments].map(([name, fragment]) => [
      name,
      {
        ...fragment,
        selectionSet: rewrite(fragment.selectionSet, fragment.typeCondition.name.value),
      },
    ]),
  );
  return {
    operation: { ...operation, selectionSet: rewrite(operation.selectionSet, rootType) },
    fragments: rewrittenFragments,
  };
}

function withKeys(set: SelectionSetNode, keys: readonly string[]): SelectionSetNode {
  const added: FieldNode[] = keys.map((key) => ({
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: `${KEY_ALIAS_PREFIX}${key}` },
    name: { kind: Kind.NAME, value: key },
  }));
  return { ...set, selections: [...set.selections, ...added] };
}

/** Objects of one spanning type that one instance answered, and what the operation asked of them. */
export interface SpanningSite {
  type: string;
  /** The field that reached them (its selection set is what to ask every instance). */
  field: FieldNode;
  objects: Json[];
}

/**
 * Where an answer holds an entity that spans agencies as one instance alone answered it: below
 * an agency's record (a program's team lead, a participation's volunteer). An entity the gateway
 * merged from every instance (a fanned-out root field or `_entities` representation), and what
 * lies within it on merged fields, is complete already: `merged` says whether `objects` are.
 */
export function spanningSites(
  objects: Json[],
  type: string,
  set: SelectionSetNode,
  merged: boolean,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  model: ContractModel,
  sites: SpanningSite[] = [],
): SpanningSite[] {
  for (const object of objects) {
    for (const field of fieldsOf(set, type, fragments)) {
      const value = object[field.alias?.value ?? field.name.value];
      if (!field.selectionSet || value === null || typeof value !== 'object') continue;
      const child = model.field(type, field.name.value)?.type;
      if (!child) continue;
      const children = (Array.isArray(value) ? value.flat(Infinity) : [value]).filter(
        (item): item is Json => item !== null && typeof item === 'object',
      );
      const childSpans = spans(model, child);
      if (childSpans && !merged) sites.push({ type: child, field, objects: children });
      else
        spanningSites(
          children,
          child,
          field.selectionSet,
          childSpans && merged,
          fragments,
          model,
          sites,
        );
    }
  }
  return sites;
}

/** The answer without the key fields {@link withSpanningKeys} added. */
export function stripKeyAliases(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripKeyAliases(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    if (key.startsWith(KEY_ALIAS_PREFIX)) delete (value as Json)[key];
    else stripKeyAliases((value as Json)[key]);
  }
}
