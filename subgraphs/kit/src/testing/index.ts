export * from './expectGraphQLError.ts';
export * from './runOperation.ts';
export * from './testDatabase.ts';
export * from './callers.ts';
export * from './useTestSubgraph.ts';
