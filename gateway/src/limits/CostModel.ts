import type { ConstValueNode, SelectionSetNode } from 'graphql';

/**
 * What the demand-control estimate needs to know about the graph, read from the `@cost` and
 * `@listSize` directives of the supergraph (the API schema the gateway serves has none).
 */
export interface CostModel {
  /** Root operation types by operation kind (`query` → `Query`). */
  rootTypes: Partial<Record<'query' | 'mutation' | 'subscription', string>>;
  /** Output fields by type name, then field name. */
  fields: Map<string, Map<string, FieldCost>>;
  /** Input-object fields by type name, then field name. */
  inputFields: Map<string, Map<string, InputCost>>;
  /** Size assumed for a list that no slicing argument or `assumedSize` describes. @default 10 */
  defaultListSize: number;
}

/** The cost of one output field. */
export interface FieldCost {
  /** The named type it returns. */
  type: string;
  /** Whether it returns a list (its cost is multiplied by the list's estimated size). */
  list: boolean;
  /** Its own cost: `@cost` on the field, else on its type, else 1 for objects, 0 for leaves. */
  weight: number;
  /** Its `@listSize`, when it has one. */
  listSize?: ListSize;
  /** Its arguments by name. */
  arguments: Map<string, InputCost>;
  /** The parent's fields it `@requires`: the gateway fetches them too. */
  requires?: SelectionSetNode;
}

/** A field's `@listSize(assumedSize, slicingArguments, sizedFields)`. */
export interface ListSize {
  assumedSize?: number;
  /** Arguments (or `input.path`s) whose value is the number of items returned, e.g. `first`. */
  slicingArguments: string[];
  /** Child fields the size applies to instead, e.g. a connection's `edges`. */
  sizedFields: string[];
}

/** An argument or input-object field. */
export interface InputCost {
  /** Its named type. */
  type: string;
  /** Whether that type is an input object (one costs 1 unless weighted). */
  inputObject: boolean;
  /** `@cost` on the argument, else on its type. */
  weight?: number;
  /** Its default value in the schema (a slicing argument's size when the caller omits it). */
  defaultValue?: ConstValueNode;
}
