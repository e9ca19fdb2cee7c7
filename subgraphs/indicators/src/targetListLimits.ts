/**
 * How many targets one list returns: `first` defaults to this and may not exceed the maximum
 * (`@listSize(slicingArguments: ["first"])` in schema.graphql sizes the cost estimate by it).
 */
export const DEFAULT_TARGETS = 100;
export const MAX_TARGETS = 500;
