import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { CostModel } from './CostModel.ts';
import { costModelFromSupergraph } from './costModelFromSupergraph.ts';
import { estimateCost } from './estimateCost.ts';
import { COST_ESTIMATED_TOO_EXPENSIVE } from './limitErrors.ts';

/** Options of {@link demandControlPlugin}. */
export interface DemandControlOptions {
  /** Highest estimated cost accepted. */
  maxCost: number;
  /** Size assumed for a list nothing else describes. */
  defaultListSize: number;
  log: (line: string) => void;
}

/**
 * Demand control: estimates each operation's cost from the `@cost` and `@listSize` of the
 * supergraph in service and refuses one above the budget before any subgraph is called. The
 * cost model is rebuilt whenever the gateway puts a supergraph in service (hot reload
 * included), from the very SDL it plans with, so costs and plans never disagree.
 */
export function demandControlPlugin(
  options: DemandControlOptions,
): ApolloServerPlugin<BaseContext> {
  let model: CostModel | undefined;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          if (!coreSupergraphSdl) return;
          try {
            model = costModelFromSupergraph(coreSupergraphSdl, {
              defaultListSize: options.defaultListSize,
            });
          } catch (error) {
            // At start, fail: a gateway must not serve without its budget. On a reload, the
            // previous costs are a better estimate than none.
            if (!model) throw error;
            options.log(
              `gateway: kept the previous cost model; the new supergraph's costs did not load: ${(error as Error).message}`,
            );
          }
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request }) {
          if (!model) return;
          const estimated = Math.min(
            estimateCost(document, model, request.variables ?? {}, operationName),
            Number.MAX_SAFE_INTEGER,
          );
          if (estimated > options.maxCost) {
            throw COST_ESTIMATED_TOO_EXPENSIVE.err(
              `The operation's estimated cost is ${estimated}, above the budget of ${options.maxCost}: ask for fewer items (a smaller \`first\`) or fewer nested lists.`,
              { estimated, max: options.maxCost },
            );
          }
        },
      };
    },
  };
}
