// The typed client of the Sahem graph. The documents and their result and variables types are
// generated from schema/api.graphql by `npm run codegen`; never write a result type by hand.
export type { ResultOf, VariablesOf, TypedDocumentNode } from '@graphql-typed-document-node/core';
export * from './__generated__/graphql.ts';
export {
  createClient,
  type ClientOptions,
  type SahemClient,
  type VariablesArgument,
} from './createClient.ts';
export { operationSource, type OperationSource } from './operationSource.ts';
export { SahemGraphQLError, type SahemErrorCode } from './SahemGraphQLError.ts';
export { SahemHttpError } from './SahemHttpError.ts';
