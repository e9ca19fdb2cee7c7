import {
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import type { ContractModel } from './contractModel.ts';
import { prepareFanOut } from './prepareFanOut.ts';
import { withSpanningKeys } from './spanningEntities.ts';

/** The text of an operation cut down to some of its root fields, and the variables it declares. */
export interface SubOperation {
  query: string;
  variableNames: ReadonlySet<string>;
}

/**
 * What the routed data source derives from one planner fetch, once per fetch text and contract:
 * the planner sends the same few texts again and again with new variables, and rewriting and
 * printing them per request and per instance was a tenth of the gateway's time on a fanned-out
 * scorecard. Every node here is shared by the requests in flight, so nothing may change one.
 */
export interface PreparedOperation {
  readonly model: ContractModel;
  /** The operation with the keys of every entity spanning agencies selected (aliased). */
  readonly operation: OperationDefinitionNode;
  readonly fragments: Map<string, FragmentDefinitionNode>;
  /** The `_entities` field, when the fetch completes entities rather than asking root fields. */
  readonly entities: FieldNode | undefined;
  /** The root fields, fragments at the root flattened. */
  readonly rootFields: readonly FieldNode[];
  /** A root field as every instance is sent it (what its merge rule needs added). */
  fanOut(field: FieldNode): readonly FieldNode[];
  /** The operation with only `fields` (taken from this operation) at its root. */
  subOperation(fields: readonly FieldNode[]): SubOperation;
  /** The `_entities` fetch as sent: prepared for a merge when some representation is merged. */
  entitiesQuery(merged: boolean): string;
}

// Distinct splits of one fetch's root fields over instances kept per fetch text: a request
// makes at most one per instance, so this bounds what varied owner arguments can add.
const MAX_SPLITS = 64;
// And the characters of their printed texts, so that 64 splits of a fetch at the gateway's
// token limit do not make one entry megabytes.
const MAX_SPLIT_CHARS = 1_000_000;

/** How many prepared fetches are kept. */
export interface PreparedOperationsLimits {
  /** Fetch texts kept. @default 1,000 */
  maxTexts?: number;
  /**
   * Characters kept over all entries: each fetch text and every text printed from it (its
   * parsed and rewritten nodes grow with the fetch text). @default 4,000,000
   */
  maxChars?: number;
}

interface Entry {
  prepared: PreparedOperation;
  chars: number;
}

/**
 * The prepared planner fetches, the oldest dropped past {@link PreparedOperationsLimits}, each
 * prepared again when the contract in service changes (a reload). Without trusted documents a
 * client chooses the fetch texts, so the bound is by size as well as by count.
 */
export class PreparedOperations {
  readonly #maxTexts: number;
  readonly #maxChars: number;
  readonly #entries = new Map<string, Entry>();
  #chars = 0;

  constructor({ maxTexts = 1_000, maxChars = 4_000_000 }: PreparedOperationsLimits = {}) {
    this.#maxTexts = maxTexts;
    this.#maxChars = maxChars;
  }

  /** Texts and characters kept now (what the tests read). */
  get size(): { texts: number; chars: number } {
    return { texts: this.#entries.size, chars: this.#chars };
  }

  of(query: string, model: ContractModel): PreparedOperation {
    const found = this.#entries.get(query);
    if (found?.prepared.model === model) return found.prepared;
    if (found) this.#remove(query, found);
    const entry: Entry = { prepared: undefined as never, chars: query.length };
    entry.prepared = prepareOperation(parse(query), model, (delta) => {
      entry.chars += delta;
      // An entry dropped while a request still used it no longer counts.
      if (this.#entries.get(query) !== entry) return;
      this.#chars += delta;
      this.#trim(entry);
    });
    this.#entries.set(query, entry);
    this.#chars += entry.chars;
    this.#trim(entry);
    return entry.prepared;
  }

  /** Drops the oldest entries but `keep` until both bounds hold. */
  #trim(keep: Entry): void {
    for (const [query, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxTexts && this.#chars <= this.#maxChars) return;
      if (entry !== keep) this.#remove(query, entry);
    }
  }

  #remove(query: string, entry: Entry): void {
    this.#entries.delete(query);
    this.#chars -= entry.chars;
  }
}

/** One planner fetch prepared for routing over `model`'s instances (see {@link PreparedOperation}). */
export function prepareOperation(
  document: DocumentNode,
  model: ContractModel,
  /** Told how many characters of printed text it keeps more (or fewer) each time that changes. */
  onSize: (delta: number) => void = () => undefined,
): PreparedOperation {
  const { operation, fragments } = withSpanningKeys(
    document.definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    )!,
    new Map(
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION
          ? [[definition.name.value, definition] as const]
          : [],
      ),
    ),
    model,
  );
  const entities = operation.selectionSet.selections.find(
    (selection): selection is FieldNode =>
      selection.kind === Kind.FIELD && selection.name.value === '_entities',
  );
  const rootType = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const fanOuts = new Map<FieldNode, readonly FieldNode[]>();
  // Each field a split may hold, numbered, so that a split is named by its fields' numbers.
  const numbers = new Map<FieldNode, number>();
  const splits = new Map<string, SubOperation>();
  let splitChars = 0;
  const entitiesQueries = new Map<boolean, string>();
  return {
    model,
    operation,
    fragments,
    entities,
    rootFields: rootFields(operation, fragments),
    fanOut(field) {
      let prepared = fanOuts.get(field);
      if (!prepared) {
        prepared = prepareFanOut(
          { kind: Kind.SELECTION_SET, selections: [field] },
          rootType,
          model,
          fragments,
        ).selections as FieldNode[];
        fanOuts.set(field, prepared);
      }
      return prepared;
    },
    subOperation(fields) {
      const key = fields
        .map((field) => {
          let number = numbers.get(field);
          if (number === undefined) numbers.set(field, (number = numbers.size));
          return number;
        })
        .join(',');
      let split = splits.get(key);
      if (!split) {
        split = subOperation(operation, fields, fragments);
        const chars = split.query.length;
        if (chars > MAX_SPLIT_CHARS) return split;
        let freed = 0;
        for (const [oldest, kept] of splits) {
          if (splits.size < MAX_SPLITS && splitChars + chars - freed <= MAX_SPLIT_CHARS) break;
          splits.delete(oldest);
          freed += kept.query.length;
        }
        splits.set(key, split);
        splitChars += chars - freed;
        onSize(chars - freed);
      }
      return split;
    },
    entitiesQuery(merged) {
      let query = entitiesQueries.get(merged);
      if (query === undefined) {
        const selectionSet = merged
          ? prepareFanOut(entities!.selectionSet!, '_Entity', model, fragments)
          : entities!.selectionSet!;
        query = print({
          kind: Kind.DOCUMENT,
          definitions: [
            {
              ...operation,
              selectionSet: {
                kind: Kind.SELECTION_SET,
                selections: [{ ...entities!, selectionSet } as SelectionNode],
              },
            },
            ...(merged ? [] : [...fragments.values()]),
          ],
        });
        entitiesQueries.set(merged, query);
        onSize(query.length);
      }
      return query;
    },
  };
}

/** The root fields of an operation, fragments at the root flattened. */
function rootFields(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode[] {
  const collect = (selections: readonly SelectionNode[]): FieldNode[] =>
    selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT)
        return collect(selection.selectionSet.selections);
      const fragment = fragments.get(selection.name.value);
      return fragment ? collect(fragment.selectionSet.selections) : [];
    });
  return collect(operation.selectionSet.selections);
}

/**
 * An operation with only `fields` at its root, and only the variables and fragments they use
 * (GraphQL refuses unused ones).
 */
export function subOperation(
  operation: OperationDefinitionNode,
  fields: readonly FieldNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): SubOperation {
  const usedVariables = new Set<string>();
  const usedFragments = new Set<string>();
  const pending: SelectionNode[] = [...fields];
  while (pending.length > 0) {
    const node = pending.pop()!;
    visit(node, {
      Variable: (variable) => void usedVariables.add(variable.name.value),
      FragmentSpread: (spread) => {
        if (usedFragments.has(spread.name.value)) return;
        usedFragments.add(spread.name.value);
        const fragment = fragments.get(spread.name.value);
        if (fragment) pending.push(...fragment.selectionSet.selections);
      },
    });
  }
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...operation,
        variableDefinitions: (operation.variableDefinitions ?? []).filter((definition) =>
          usedVariables.has(definition.variable.name.value),
        ),
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
      ...[...fragments.values()].filter((fragment) => usedFragments.has(fragment.name.value)),
    ],
  };
  return { query: print(document), variableNames: usedVariables };
}

/** The variables of `variables` that a sub-operation declares. */
export function variablesOf(
  split: SubOperation,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  // In the request's own order, so that equal requests send equal bodies (de-duplication);
  // defined, not assigned, so that a variable named `__proto__` stays a variable.
  return Object.fromEntries(
    Object.entries(variables).filter(([name]) => split.variableNames.has(name)),
  );
}
