import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

/**
 * graphql-js as `@apollo/gateway` loads it. The gateway is CommonJS and builds the schema with
 * graphql's CommonJS build, while an ES module `import 'graphql'` gets the ESM build; graphql
 * refuses type objects "from another module or realm", so code that inspects the gateway's
 * schema types (`isObjectType`, …) must use this one.
 */
export const gatewayGraphql = createRequire(import.meta.url)('graphql') as typeof GraphQL;
