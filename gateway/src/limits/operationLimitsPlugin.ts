import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { OPERATION_LIMIT_EXCEEDED } from './limitErrors.ts';
import { measureOperation, type OperationMeasures } from './measureOperation.ts';

/** The most an operation may have of each measure; see {@link measureOperation}. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxFields: number;
}

const CHECKS = [
  ['depth', 'maxDepth', (n: number) => `nests fields ${n} levels deep`],
  ['aliases', 'maxAliases', (n: number) => `uses ${n} aliases`],
  ['rootFields', 'maxRootFields', (n: number) => `selects ${n} root fields`],
  ['directives', 'maxDirectives', (n: number) => `applies ${n} directives`],
  ['fields', 'maxFields', (n: number) => `selects ${n} fields once its fragments are expanded`],
] as const satisfies readonly [keyof OperationMeasures, keyof OperationLimits, unknown][];

/**
 * Refuses an operation that exceeds a structural limit, after validation and before the
 * gateway plans it, with `OPERATION_LIMIT_EXCEEDED` naming the first limit exceeded. Cheap
 * shapes that fan out (deep nesting, hundreds of aliased copies of one field) are stopped
 * here, whatever their estimated cost.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName }) {
          const measures = measureOperation(document, operationName);
          for (const [limit, option, describe] of CHECKS) {
            const actual = measures[limit];
            const max = limits[option];
            if (actual > max) {
              throw OPERATION_LIMIT_EXCEEDED.err(
                `The operation ${describe(actual)}; the gateway accepts at most ${max} (fragments count where they are spread).`,
                { limit, max, actual },
              );
            }
          }
        },
      };
    },
  };
}
