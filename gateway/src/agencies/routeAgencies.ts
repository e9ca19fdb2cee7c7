import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { instanceAudience } from '@sahem/kit';
import type { ReadinessTarget } from '../health/gatewayReadiness.ts';
import type { GatewayDeps } from '../server.ts';
import {
  AgencyRoutedDataSource,
  type AgencyRoutedDataSourceOptions,
} from './AgencyRoutedDataSource.ts';
import { contractModel, type ContractModel } from './contractModel.ts';
import { instanceVerifier, type InstanceVerifier } from './verifyInstances.ts';

/** Where `npm run compose` writes the contract of each subgraph many instances serve. */
export const DEFAULT_CONTRACTS_DIR = fileURLToPath(
  new URL('../../../schema/contracts', import.meta.url),
);

/** The gateway's routing to agency instances, kept across supergraph reloads. */
export interface AgencyRouting {
  /** Whether `subgraph` is the one the agencies serve. */
  serves(subgraph: string): boolean;
  /** The data source the gateway uses for it (one for the life of the gateway). */
  source: AgencyRoutedDataSource;
  verifier: InstanceVerifier;
  /** A supergraph was put in service: its rules, and its contract, and every instance again. */
  load(supergraphSdl: string): void;
  /** The routed subgraph's services, for `/ready` and the breaker gauge: one per instance. */
  targets(): ReadinessTarget[];
  /** The caller-token audience of a `/ready` entry of an instance (`programs:SCD`). */
  audienceOf(entry: string): string | undefined;
}

/**
 * Sets the gateway up to route the registry's subgraph to agency instances: one
 * `AgencyRoutedDataSource`, fed the merge rules of each supergraph the gateway loads, and a
 * verifier that checks every instance against the composed contract on each load.
 */
export function routeAgencies(
  deps: GatewayDeps,
  options: {
    timeoutMs: number;
    send: typeof fetch;
    log: (line: string) => void;
    observeFetch?: AgencyRoutedDataSourceOptions['observeFetch'];
    policyOf?: AgencyRoutedDataSourceOptions['policyOf'];
    inFlight?: AgencyRoutedDataSourceOptions['inFlight'];
  },
): AgencyRouting {
  const registry = deps.agencies!;
  let model: ContractModel | undefined;
  const verifier = instanceVerifier({
    registry,
    log: options.log,
    ask: async (instance, query) => {
      // Called once the data source below exists: the gateway verifies after it starts.
      const response = await source.sourceOf(instance).process({
        kind: 'health check',
        request: { query },
        context: {},
      } as never);
      return response.data ?? undefined;
    },
  });
  const source = new AgencyRoutedDataSource({
    name: registry.subgraph,
    registry,
    timeoutMs: options.timeoutMs,
    callerKeys: deps.callerKeys,
    fetch: options.send,
    ...(deps.deadlineMarginMs !== undefined && { deadlineMarginMs: deps.deadlineMarginMs }),
    ...(deps.smallCellThreshold !== undefined && { smallCellThreshold: deps.smallCellThreshold }),
    ...(options.observeFetch && { observeFetch: options.observeFetch }),
    ...(options.policyOf && { policyOf: options.policyOf }),
    ...(options.inFlight && { inFlight: options.inFlight }),
    model: () => {
      if (!model) throw new Error('no supergraph in service yet');
      return model;
    },
    verifier,
  });
  const contractFile = path.join(
    deps.contractsDir ?? DEFAULT_CONTRACTS_DIR,
    `${registry.subgraph}.graphql`,
  );
  return {
    serves: (subgraph) => subgraph === registry.subgraph,
    source,
    verifier,
    load(supergraphSdl) {
      model = contractModel(supergraphSdl);
      let contract: string | undefined;
      try {
        contract = readFileSync(contractFile, 'utf8').trimEnd();
      } catch {
        options.log(
          `gateway: no composed contract at ${contractFile}: every ${registry.subgraph} instance is refused until there is one (npm run compose)`,
        );
      }
      verifier.reset(contract);
      for (const instance of registry.instances)
        void verifier.ensure(instance).catch(() => undefined);
    },
    audienceOf(entry) {
      if (registry.instances.length === 1 && entry === registry.subgraph) {
        return instanceAudience(registry, registry.instances[0]!);
      }
      const instance = registry.instances.find(
        (candidate) => `${registry.subgraph}:${candidate.name}` === entry,
      );
      return instance && instanceAudience(registry, instance);
    },
    targets() {
      // One instance holding every agency is the subgraph itself, at the registry's URL.
      if (registry.instances.length === 1) {
        const { url } = registry.instances[0]!;
        const name = registry.subgraph;
        return [{ name, subgraph: name, instance: name, url }];
      }
      return registry.instances.map((instance) => ({
        name: `${registry.subgraph}:${instance.name}`,
        subgraph: registry.subgraph,
        instance: instance.name,
        url: instance.url,
      }));
    },
  };
}
