import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ContractModel } from './contractModel.ts';

/**
 * Aliases the gateway adds to what it sends instances, for what merging needs and the caller did
 * not ask for (sketches, sort keys, cursors). Reserved: the prefix is not one a client uses.
 */
export const INTERNAL = 'sahem__';
export const sketchKey = (sketch: string) => `${INTERNAL}sk_${sketch}`;
/** The alias of the i-th sort key of an ordered list (`by: "-appliedAt id"`: two). */
export const orderKey = (index: number) => `${INTERNAL}order${index}`;
/** The sort keys of a `concat` rule: `-field` descending, `field` ascending. */
export const orderKeys = (by: string) =>
  by
    .split(/\s+/)
    .filter(Boolean)
    .map((key) => ({ field: key.replace(/^-/, ''), descending: key.startsWith('-') }));
/** The alias of the histogram a median is taken from (`by: "daysToVerify"`). */
export const histogramKey = (histogram: string) => `${INTERNAL}hist_${histogram}`;
export const ITEM_KEY = `${INTERNAL}key`;
export const CURSOR_KEY = `${INTERNAL}cursor`;
/** The distinct count of a breakdown cell, which decides its suppression. */
export const CELL_COUNT_KEY = `${INTERNAL}count`;
export const PAGE_KEY = `${INTERNAL}page`;

const field = (alias: string, name: string, selectionSet?: SelectionSetNode): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: alias },
  name: { kind: Kind.NAME, value: name },
  ...(selectionSet && { selectionSet }),
});
const set = (selections: SelectionNode[]): SelectionSetNode => ({
  kind: Kind.SELECTION_SET,
  selections,
});

/**
 * The selection to send every instance when the answers will be merged: what the caller asked,
 * plus what the merge rules need that it may not have asked for — the sketches behind each
 * distinct count, the sort key of an ordered list, the key of a keyed list, each edge's cursor
 * and each instance's `hasNextPage`. Named fragments are inlined (each instance gets a
 * self-contained selection; the gateway's limits bound their size).
 */
export function prepareFanOut(
  selectionSet: SelectionSetNode,
  type: string,
  model: ContractModel,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): SelectionSetNode {
  const selections: SelectionNode[] = [];
  const added = new Set<string>();
  const add = (node: FieldNode) => {
    if (added.has(node.alias!.value)) return;
    added.add(node.alias!.value);
    selections.push(node);
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) continue;
      selections.push({
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: fragment.typeCondition,
        selectionSet: prepareFanOut(
          fragment.selectionSet,
          fragment.typeCondition.name.value,
          model,
          fragments,
        ),
      });
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition?.name.value ?? type;
      selections.push({
        ...selection,
        selectionSet: prepareFanOut(selection.selectionSet, on, model, fragments),
      });
      continue;
    }
    const definition = model.field(type, selection.name.value);
    const rule = definition?.rule;
    const inner = (extra: FieldNode[] = []) =>
      selection.selectionSet && definition
        ? set([
            ...prepareFanOut(selection.selectionSet, definition.type, model, fragments).selections,
            ...extra,
          ])
        : selection.selectionSet;
    switch (rule?.rule) {
      case 'distinct':
      case 'intersection':
        // The count of one instance stays (exact when only one instance has members), and the
        // sketches travel beside it for the union.
        selections.push(selection);
        for (const sketch of rule.sketch ?? []) add(field(sketchKey(sketch), sketch));
        break;
      case 'median':
        // A median does not merge: each instance's histogram travels instead of it.
        add(
          field(
            histogramKey(rule.by!),
            rule.by!,
            set([field('value', 'value'), field('count', 'count')]),
          ),
        );
        break;
      case 'concat':
      case 'top':
        selections.push({
          ...selection,
          selectionSet: rule.by
            ? inner(orderKeys(rule.by).map((key, index) => field(orderKey(index), key.field)))
            : inner()!,
        } as FieldNode);
        break;
      case 'keyed':
        selections.push({
          ...selection,
          selectionSet: inner([field(ITEM_KEY, rule.by!)]),
        } as FieldNode);
        break;
      case 'cells':
        // Suppression needs every cell's merged count, asked for or not: its count and sketch.
        selections.push({
          ...selection,
          selectionSet: inner([
            field(ITEM_KEY, rule.by!),
            field(CELL_COUNT_KEY, 'activeVolunteers'),
            ...model.sketchesOf(definition!.type).map((sketch) => field(sketchKey(sketch), sketch)),
          ]),
        } as FieldNode);
        break;
      case 'connection':
        selections.push(prepareConnection(selection, definition!.type, model, fragments));
        break;
      case 'object':
        selections.push({ ...selection, selectionSet: inner() } as FieldNode);
        break;
      case 'accuracy':
        // Whether the counts are exact depends on how many instances have members: every
        // sketch of the object tells.
        selections.push(selection);
        for (const sketch of model.sketchesOf(type)) add(field(sketchKey(sketch), sketch));
        break;
      default:
        selections.push(selection);
    }
  }
  return set(selections);
}

/** A connection's selection, with each edge's cursor and the instance's `hasNextPage`. */
function prepareConnection(
  selection: FieldNode,
  type: string,
  model: ContractModel,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode {
  const selections: SelectionNode[] = [];
  for (const inner of selection.selectionSet?.selections ?? []) {
    if (inner.kind === Kind.FIELD && inner.name.value === 'edges' && inner.selectionSet) {
      const edgeType = model.field(type, 'edges')?.type ?? '';
      selections.push({
        ...inner,
        selectionSet: set([
          ...prepareFanOut(inner.selectionSet, edgeType, model, fragments).selections,
          field(CURSOR_KEY, 'cursor'),
        ]),
      });
    } else {
      selections.push(inner);
    }
  }
  selections.push(field(PAGE_KEY, 'pageInfo', set([field('hasNextPage', 'hasNextPage')])));
  return { ...selection, selectionSet: set(selections) };
}
