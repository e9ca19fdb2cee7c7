import type { BreakerState } from '../health/gatewayReadiness.ts';
import { instancePolicy, type InstancePolicy, type PolicyEvents } from './instancePolicy.ts';
import type { ResilienceOptions } from './ResilienceOptions.ts';
import type { FailureKind } from './SubgraphFailure.ts';

/** What the gateway's instance policies report to (logs, metrics). */
export interface InstancePoliciesEvents {
  breaker?(
    subgraph: string,
    instance: string,
    state: BreakerState,
    reason: string | undefined,
  ): void;
  refused?(subgraph: string, instance: string, kind: 'breaker_open' | 'overloaded'): void;
  retried?(subgraph: string, instance: string, failure: FailureKind): void;
}

/** The policies of every subgraph instance of a gateway, one per instance for its whole life. */
export interface InstancePolicies {
  /** The policy of one instance (`volunteers`/`volunteers`, `programs`/`SCD`), made on first use. */
  of(subgraph: string, instance: string): InstancePolicy;
  /** Its breaker's state, once it has a policy: what `/ready` and the breaker gauge report. */
  state(subgraph: string, instance: string): BreakerState | undefined;
}

/**
 * The gateway's instance policies, kept by subgraph and instance so that a supergraph reload
 * (which builds new data sources) keeps each instance's breaker, bulkhead and budget.
 */
export function instancePolicies(
  options: Partial<ResilienceOptions> = {},
  events: InstancePoliciesEvents = {},
): InstancePolicies {
  const policies = new Map<string, InstancePolicy>();
  const key = (subgraph: string, instance: string) => `${subgraph}\u0000${instance}`;
  return {
    of(subgraph, instance) {
      let policy = policies.get(key(subgraph, instance));
      if (!policy) {
        const own: PolicyEvents = {
          breaker: (state, reason) => events.breaker?.(subgraph, instance, state, reason),
          refused: (kind) => events.refused?.(subgraph, instance, kind),
          retried: (failure) => events.retried?.(subgraph, instance, failure),
        };
        policy = instancePolicy(options, own);
        policies.set(key(subgraph, instance), policy);
      }
      return policy;
    },
    // An instance not called yet has a closed breaker all the same.
    state: (subgraph, instance) => policies.get(key(subgraph, instance))?.state ?? 'closed',
  };
}
