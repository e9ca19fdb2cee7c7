import {
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  decodeSketch,
  estimateUnion,
  isEmptySketch,
  SKETCH_RELATIVE_ERROR,
  suppressSmallCells,
  type SketchRegisters,
} from '@sahem/kit';
import type { ContractModel } from './contractModel.ts';
import { medianOfHistogram } from './medianOfHistogram.ts';
import { SketchArena } from './SketchArena.ts';
import {
  CELL_COUNT_KEY,
  CURSOR_KEY,
  histogramKey,
  ITEM_KEY,
  orderKey,
  orderKeys,
  PAGE_KEY,
  sketchKey,
} from './prepareFanOut.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the merge knows of the request: its variables, fragments, and who did not answer. */
export interface MergeContext {
  model: ContractModel;
  variables: Readonly<Record<string, unknown>>;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Agencies whose instance answered, and those whose instance did not. */
  included: readonly string[];
  excluded: readonly string[];
  /** Reports an answer that breaks the contract (a sketch that does not decode). */
  invalid(message: string): void;
  /** Breakdown cells of fewer distinct volunteers are suppressed (`SAHEM_SMALL_CELL_THRESHOLD`). */
  smallCellThreshold: number;
}

/**
 * The fields of a selection set for an object of `type`, fragments flattened, in order; the
 * selections of one response key merged into one field, as GraphQL executes them (the planner
 * writes `...Row figures { programId }` beside a fragment that selects `figures` too).
 */
export function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  type: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode[] {
  const byKey = new Map<string, FieldNode>();
  for (const field of flatFieldsOf(selectionSet, type, fragments)) {
    const key = keyOf(field);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, field);
    else if (seen.selectionSet && field.selectionSet) {
      byKey.set(key, {
        ...seen,
        selectionSet: {
          ...seen.selectionSet,
          selections: [...seen.selectionSet.selections, ...field.selectionSet.selections],
        },
      });
    }
  }
  return [...byKey.values()];
}

/** The fields of a selection set for an object of `type`, fragments flattened, in order. */
function flatFieldsOf(
  selectionSet: SelectionSetNode | undefined,
  type: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition?.name.value;
      if (!on || on === type) fields.push(...flatFieldsOf(selection.selectionSet, type, fragments));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && fragment.typeCondition.name.value === type) {
        fields.push(...flatFieldsOf(fragment.selectionSet, type, fragments));
      }
    }
  }
  return fields;
}

const keyOf = (field: FieldNode) => field.alias?.value ?? field.name.value;

/**
 * Puts the answers of several instances (one per agency) together into the answer one store
 * would have given, field by field, as each field's `@merge` rule says. `values[i]` is what
 * instance i answered at this place (undefined where it did not answer). Only what the caller
 * asked for comes out: the keys the gateway added for merging are read here and dropped.
 */
export function mergeObject(
  type: string,
  selectionSet: SelectionSetNode | undefined,
  values: readonly unknown[],
  context: MergeContext,
): Json | null {
  const present = values.filter(isObject);
  if (present.length === 0) return null;
  const result: Json = {};
  let accuracyKeys: { key: string; field: FieldNode }[] = [];
  for (const field of fieldsOf(selectionSet, type, context.fragments)) {
    const key = keyOf(field);
    const name = field.name.value;
    if (name === '__typename') {
      result[key] = type;
      continue;
    }
    const rule = context.model.field(type, name)?.rule;
    switch (rule?.rule) {
      case 'distinct':
      case 'intersection': {
        result[key] = distinctCount(present, key, rule.rule, rule.sketch ?? [], context);
        break;
      }
      case 'median':
        // Exact: the median of the instances' histograms summed bucket by bucket.
        result[key] = medianOfHistogram(
          present.flatMap((value) => {
            const buckets = value[histogramKey(rule.by ?? '')];
            return Array.isArray(buckets) ? (buckets as Json[]) : [];
          }),
        );
        break;
      case 'coverage':
        result[key] = project(
          {
            included: [...context.included].sort(),
            excluded: [...context.excluded].sort(),
          },
          field.selectionSet,
        );
        break;
      case 'accuracy':
        // Filled in once every count of this object is known.
        result[key] = null;
        accuracyKeys = [...accuracyKeys, { key, field }];
        break;
      default:
        result[key] = mergeField(
          type,
          field,
          present.map((value) => value[key]),
          context,
        );
    }
  }
  if (accuracyKeys.length > 0) {
    // Exact when at most one instance has anyone to count: its own counts are the answer.
    const exact = present.filter((value) => hasMembers(value, context)).length <= 1;
    for (const { key, field } of accuracyKeys) {
      result[key] = project(
        { exact, relativeError: exact ? 0 : SKETCH_RELATIVE_ERROR },
        field.selectionSet,
      );
    }
  }
  return result;
}

/** One field's merged value, by its rule (`any` when it has none). */
export function mergeField(
  parentType: string,
  field: FieldNode,
  values: readonly unknown[],
  context: MergeContext,
): unknown {
  const definition = context.model.field(parentType, field.name.value);
  const rule = definition?.rule;
  const type = definition?.type ?? '';
  const lists = values.filter(Array.isArray) as unknown[][];
  switch (rule?.rule) {
    case 'sum': {
      const numbers = values.filter((value): value is number => typeof value === 'number');
      if (numbers.length === 0) return null;
      // Hours are decimals: round the sum where floating point would show through.
      return Math.round(numbers.reduce((sum, value) => sum + value, 0) * 1e6) / 1e6;
    }
    case 'min': {
      // The least of the answers (dates as ISO text order as dates do); null when none has one.
      const given = values.filter((value) => value !== undefined && value !== null);
      return given.length === 0 ? null : given.reduce((a, b) => (compareValues(b, a) < 0 ? b : a));
    }
    case 'union':
      if (lists.length === 0) return null;
      return [...new Set(lists.flat().map(String))].sort();
    case 'concat': {
      if (lists.length === 0) return null;
      const items = lists.flat();
      if (rule.by) {
        // Every instance orders alike; the merged list follows the same keys, in turn.
        const keys = orderKeys(rule.by);
        items.sort((a, b) => {
          for (const [index, key] of keys.entries()) {
            const left = String((a as Json)?.[orderKey(index)] ?? '');
            const right = String((b as Json)?.[orderKey(index)] ?? '');
            if (left === right) continue;
            return (left < right ? -1 : 1) * (key.descending ? -1 : 1);
          }
          return 0;
        });
      }
      return items.map((item) => project(item, field.selectionSet, type, context));
    }
    case 'top': {
      // Each instance answered its own first `first` in this order: together they hold the
      // global first `first`, which are cut after sorting all of them.
      if (lists.length === 0) return null;
      const keys = orderKeys(rule.by ?? '');
      const items = lists.flat().sort((a, b) => {
        for (const [index, key] of keys.entries()) {
          const order = compareValues(
            (a as Json)?.[orderKey(index)],
            (b as Json)?.[orderKey(index)],
          );
          if (order !== 0) return order * (key.descending ? -1 : 1);
        }
        return 0;
      });
      const first = argumentValue(field, 'first', context, definition?.defaults.get('first'));
      const limit = typeof first === 'number' ? first : items.length;
      return items.slice(0, limit).map((item) => project(item, field.selectionSet, type, context));
    }
    case 'keyed': {
      if (lists.length === 0) return null;
      const groups = new Map<string, unknown[]>();
      for (const item of lists.flat()) {
        const itemKey = String((item as Json)?.[ITEM_KEY] ?? '');
        groups.set(itemKey, [...(groups.get(itemKey) ?? []), item]);
      }
      return [...groups.keys()]
        .sort()
        .map((itemKey) => mergeObject(type, field.selectionSet, groups.get(itemKey)!, context));
    }
    case 'cells':
      return lists.length === 0 ? null : mergeCells(type, field, lists.flat(), context);
    case 'object':
      return mergeObject(type, field.selectionSet, values, context);
    case 'connection':
      return mergeConnection(parentType, field, type, values, context);
    default: {
      // any: every instance answers the same (a region's name, a key); take the first.
      const first = values.find((value) => value !== undefined && value !== null);
      return first === undefined ? null : project(first, field.selectionSet, type, context);
    }
  }
}

/**
 * A connection from several instances' pages: every instance was asked for the same `first`
 * after the same cursor, in the same order (cursors encode the ids, which every instance orders
 * alike), so the first `first` edges of all of them, in that order, are the global page.
 */
function mergeConnection(
  parentType: string,
  field: FieldNode,
  type: string,
  values: readonly unknown[],
  context: MergeContext,
): Json | null {
  const present = values.filter(isObject);
  if (present.length === 0) return null;
  const first = argumentValue(
    field,
    'first',
    context,
    context.model.field(parentType, field.name.value)?.defaults.get('first'),
  );
  const edgesField = fieldsOf(field.selectionSet, type, context.fragments).find(
    (inner) => inner.name.value === 'edges',
  );
  const edgesKey = edgesField ? keyOf(edgesField) : undefined;
  const all = edgesKey
    ? (present.flatMap((value) =>
        Array.isArray(value[edgesKey]) ? value[edgesKey] : [],
      ) as Json[])
    : [];
  all.sort((a, b) => {
    const left = cursorKey(a[CURSOR_KEY]);
    const right = cursorKey(b[CURSOR_KEY]);
    return left < right ? -1 : left > right ? 1 : 0;
  });
  const limit = typeof first === 'number' ? first : all.length;
  const page = all.slice(0, limit);
  const more =
    all.length > limit ||
    present.some((value) => (value[PAGE_KEY] as Json | undefined)?.hasNextPage === true);
  const result: Json = {};
  const edgeType = context.model.field(type, 'edges')?.type ?? '';
  for (const inner of fieldsOf(field.selectionSet, type, context.fragments)) {
    const key = keyOf(inner);
    switch (inner.name.value) {
      case '__typename':
        result[key] = type;
        break;
      case 'totalCount':
        result[key] = present.reduce((sum, value) => sum + (Number(value[key]) || 0), 0);
        break;
      case 'edges':
        result[key] = page.map((edge) => project(edge, inner.selectionSet, edgeType, context));
        break;
      case 'pageInfo':
        result[key] = project(
          {
            hasNextPage: more,
            endCursor: (page.at(-1)?.[CURSOR_KEY] as string | undefined) ?? null,
          },
          inner.selectionSet,
        );
        break;
      default:
        result[key] = present[0]![key] ?? null;
    }
  }
  return result;
}

/** The figures a suppressed breakdown cell withholds. */
const WITHHELD = new Set(['activeVolunteers', 'verifiedHours', 'beneficiaries', 'programsRun']);

/**
 * The cells of a breakdown from every instance's: merged cell by cell (same key), each by its
 * fields' rules, then suppressed where the merged distinct count is small — here, after merging,
 * since a national cell of 6 may be two agencies' 3 — by the rule the programs subgraph applies
 * to cells that are final in one store (`suppressSmallCells` in the kit). A suppressed cell keeps
 * its dimensions and loses its figures.
 */
function mergeCells(
  type: string,
  field: FieldNode,
  items: readonly unknown[],
  context: MergeContext,
): Json[] {
  const groups = new Map<string, Json[]>();
  for (const item of items.filter(isObject)) {
    const itemKey = String(item[ITEM_KEY] ?? '');
    groups.set(itemKey, [...(groups.get(itemKey) ?? []), item]);
  }
  const sketches = context.model.field(type, 'activeVolunteers')?.rule?.sketch ?? [];
  const keys = [...groups.keys()].sort();
  const counted = keys.map((key) => ({
    key,
    count: distinctCount(groups.get(key)!, CELL_COUNT_KEY, 'distinct', sketches, context) ?? 0,
  }));
  const suppressed = suppressSmallCells(counted, context.smallCellThreshold);
  const fields = fieldsOf(field.selectionSet, type, context.fragments);
  return keys.map((key) => {
    const cell = mergeObject(type, field.selectionSet, groups.get(key)!, context)!;
    if (!suppressed.has(key)) return cell;
    for (const inner of fields) {
      const name = inner.name.value;
      if (WITHHELD.has(name)) cell[keyOf(inner)] = null;
      if (name === 'suppressed') cell[keyOf(inner)] = true;
    }
    return cell;
  });
}

/** Numbers by value, anything else by its text; a missing value first. */
function compareValues(left: unknown, right: unknown): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  const a = left === undefined || left === null ? '' : String(left);
  const b = right === undefined || right === null ? '' : String(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key a cursor of the kit stands for (`k:<id>`, base64url); the cursor itself otherwise. */
function cursorKey(cursor: unknown): string {
  if (typeof cursor !== 'string') return '';
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('k:') ? text.slice(2) : cursor;
}

/**
 * A distinct count across instances. Where at most one instance has any member, its own count
 * is the answer, exactly; otherwise the instances' sketches are united and the union counted
 * (an estimate, `SKETCH_RELATIVE_ERROR`).
 */
function distinctCount(
  present: readonly Json[],
  key: string,
  rule: 'distinct' | 'intersection',
  sketches: readonly string[],
  context: MergeContext,
): number | null {
  keepForCount(context, present.length * sketches.length);
  const decoded = present.map((value) =>
    sketches.map((sketch) => {
      const text = value[sketchKey(sketch)];
      try {
        return typeof text === 'string' ? decodedSketch(text, context) : undefined;
      } catch (error) {
        context.invalid(`a ${sketch} that does not decode: ${(error as Error).message}`);
        return undefined;
      }
    }),
  );
  const contributing = present.filter((_, i) =>
    decoded[i]!.some((sketch) => sketch !== undefined && sketch.members),
  );
  if (contributing.length <= 1) {
    const counts = present
      .map((value) => value[key])
      .filter((v): v is number => typeof v === 'number');
    const own = contributing[0]?.[key];
    return typeof own === 'number' ? own : counts.length > 0 ? 0 : null;
  }
  const column = (index: number) => decoded.flatMap((row) => (row[index] ? [row[index]!] : []));
  if (rule === 'distinct') return unionEstimate(column(0), context);
  // |A ∩ B| = |A| + |B| − |A ∪ B|, never below 0; |A| is usually the same object's distinct count.
  const [a, b] = [column(0), column(1)];
  return Math.max(
    0,
    unionEstimate(a, context) + unionEstimate(b, context) - unionEstimate([...a, ...b], context),
  );
}

/**
 * {@link estimateUnion} of decoded sketches, once per merge and set of sketches: a region's
 * active volunteers are counted for themselves and again inside its retention.
 */
function unionEstimate(sketches: readonly DecodedSketch[], context: MergeContext): number {
  const { estimates } = memoOf(context);
  const key = sketches.map((sketch) => sketch.id).join(',');
  let estimate = estimates.get(key);
  if (estimate === undefined) {
    estimate = estimateUnion(sketches.map((sketch) => sketch.registers));
    estimates.set(key, estimate);
  }
  return estimate;
}

/** A sketch's registers, whether anyone is in it, and its number within its merge. */
interface DecodedSketch {
  registers: SketchRegisters;
  members: boolean;
  id: number;
}

/**
 * Decoded sketches a merge keeps at most, 16 MiB of registers: beyond it the least recently read
 * one's array is reused. A sketch is read only by the counts of its own object (a region, a
 * cell), so little is decoded twice; but a breakdown by two dimensions over a three-year trend
 * brings a sketch per cell, period and instance, tens of thousands, and decoded all at once they
 * would hold gigabytes.
 */
export const DECODED_SKETCHES_KEPT = 1_024;

/**
 * What one merge has computed: each sketch text decoded once while it is among the last
 * {@link DECODED_SKETCHES_KEPT} read (the same text is read by each distinct count of its
 * object and by the accuracy of its counts, and a national year's is 16,384 registers), into
 * its arena's arrays, and each union's estimate once (by the ids of its sketches).
 */
interface MergeMemo {
  arena: SketchArena;
  /** By text, least recently read first. */
  sketches: Map<string, DecodedSketch>;
  /** At most this many in `sketches`: more than one count reads, so none it reads is reused. */
  kept: number;
  /** Ids given so far: a sketch decoded again gets a new one, so no estimate is read for it. */
  ids: number;
  estimates: Map<string, number>;
}
const memos = new WeakMap<MergeContext, MergeMemo>();

function memoOf(context: MergeContext): MergeMemo {
  let memo = memos.get(context);
  if (!memo) {
    memo = {
      arena: SketchArena.lend(),
      sketches: new Map(),
      kept: DECODED_SKETCHES_KEPT,
      ids: 0,
      estimates: new Map(),
    };
    memos.set(context, memo);
    // A merge is synchronous (it starts once every instance has answered), so it is over by
    // the time a microtask runs: its callers need not end it, and none can keep the process's
    // arena from the merges after it.
    queueMicrotask(() => endMerge(context));
  }
  return memo;
}

/**
 * Ends the merge of `context`: what it decoded is forgotten and its registers given back, to
 * be written over by the next merge (the merged answer holds counts, never registers). Called
 * once the synchronous work that began the merge is done; tests call it to end one sooner.
 */
export function endMerge(context: MergeContext): void {
  const memo = memos.get(context);
  if (!memo) return;
  memos.delete(context);
  memo.arena.giveBack();
}

/**
 * {@link decodeSketch} of `text`, once while it is among the merge's last read; throws as it
 * does. Its registers stay as they are until {@link MergeMemo.kept} other sketches are read.
 */
function decodedSketch(text: string, context: MergeContext): DecodedSketch {
  const memo = memoOf(context);
  const { sketches } = memo;
  let decoded = sketches.get(text);
  if (decoded) {
    sketches.delete(text);
    sketches.set(text, decoded);
    return decoded;
  }
  let registers: SketchRegisters;
  if (sketches.size >= memo.kept) {
    const [oldest, reused] = sketches.entries().next().value!;
    sketches.delete(oldest);
    registers = reused.registers;
  } else registers = memo.arena.take();
  decodeSketch(text, registers);
  decoded = { registers, members: !isEmptySketch(registers), id: memo.ids++ };
  sketches.set(text, decoded);
  return decoded;
}

/**
 * Makes room for one count to read `sketches` sketches at once: the memo keeps twice that, so
 * the least recently read, whose array is reused, is never one the count still holds.
 */
function keepForCount(context: MergeContext, sketches: number): void {
  const memo = memoOf(context);
  memo.kept = Math.max(memo.kept, 2 * sketches);
}

/** Whether an instance's answer has anyone in any of its sketches. */
function hasMembers(value: Json, context: MergeContext): boolean {
  return Object.entries(value).some(([key, text]) => {
    if (!key.startsWith(sketchKey('')) || typeof text !== 'string') return false;
    try {
      return decodedSketch(text, context).members;
    } catch {
      context.invalid(`a sketch that does not decode`);
      return false;
    }
  });
}

/** `value` with only the selected fields (the merge's own keys dropped), recursively. */
function project(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  type = '',
  context?: MergeContext,
): unknown {
  if (!selectionSet || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((item) => project(item, selectionSet, type, context));
  if (!isObject(value)) return value;
  const result: Json = {};
  const runtime = typeof value.__typename === 'string' ? value.__typename : type;
  const fields = context
    ? fieldsOf(selectionSet, runtime, context.fragments)
    : (selectionSet.selections.filter((s) => s.kind === Kind.FIELD) as FieldNode[]);
  for (const field of fields) {
    const key = keyOf(field);
    const inner = context?.model.field(runtime, field.name.value)?.type ?? '';
    result[key] = project(value[key], field.selectionSet, inner, context);
  }
  return result;
}

/** An argument of a field node, from the operation or its variables, else its default. */
function argumentValue(
  field: FieldNode,
  name: string,
  context: MergeContext,
  fallback?: Parameters<typeof valueFromASTUntyped>[0],
): unknown {
  const given = field.arguments?.find((argument) => argument.name.value === name)?.value;
  const value = given ? valueFromASTUntyped(given, context.variables) : undefined;
  if (value !== undefined && value !== null) return value;
  return fallback ? valueFromASTUntyped(fallback) : undefined;
}
