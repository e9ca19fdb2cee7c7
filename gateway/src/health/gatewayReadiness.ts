import type { Readiness } from '@sahem/kit';

/**
 * The state of a subgraph instance's circuit breaker. Extension point: the breakers per
 * instance plug in through {@link GatewayReadinessSources.breakerState}; `/ready` and the
 * `sahem_gateway_subgraph_breaker_state` gauge report what it returns.
 */
export type BreakerState = 'closed' | 'half_open' | 'open';

/** Numbers the breaker gauge exports for each state. */
export const BREAKER_STATE_VALUES: Record<BreakerState, number> = {
  closed: 0,
  half_open: 1,
  open: 2,
};

/**
 * One service the gateway calls: a subgraph, or one agency's instance of the subgraph agencies
 * serve (`programs:SCD`, whose `instance` is `SCD`). A subgraph served by one service is its own
 * instance (`instance` = `subgraph`).
 */
export interface ReadinessTarget {
  /** The entry's name on `/ready`: `volunteers`, `programs:SCD`. */
  name: string;
  subgraph: string;
  instance: string;
  url: string;
}

/** What the gateway's `/ready` is made of. */
export interface GatewayReadinessSources {
  /** The services of the supergraph in service, with the URLs the gateway calls; none before one loads. */
  targets(): readonly ReadinessTarget[] | undefined;
  /** Asks each subgraph `{ __typename }`: `ok` or why not. */
  probe(urls: Record<string, string>): Promise<Record<string, string>>;
  /** The audit trail: `ok`, `unavailable` (it cannot keep up) or `off`. */
  audit(): 'ok' | 'unavailable' | 'off';
  /** A subgraph instance's breaker. */
  breakerState?(subgraph: string, instance: string): BreakerState | undefined;
}

/**
 * The gateway is ready when it has a supergraph in service, its audit trail keeps up (else it
 * refuses operations), and at least one of that supergraph's services answers. One subgraph
 * down makes it `degraded`, not unready: every replica sees the same subgraph, and taking them
 * all out of the load balancer would fail the operations that never touch it.
 */
export async function gatewayReadiness(sources: GatewayReadinessSources): Promise<Readiness> {
  const audit = sources.audit();
  const targets = sources.targets();
  if (!targets) return { ready: false, supergraph: 'none', audit };
  const states = await sources.probe(
    Object.fromEntries(targets.map((target) => [target.name, target.url])),
  );
  const report = Object.fromEntries(
    targets.map(({ name, subgraph, instance, url }) => {
      const breaker = sources.breakerState?.(subgraph, instance);
      return [name, { url, status: states[name] ?? 'unknown', ...(breaker && { breaker }) }];
    }),
  );
  const answering = targets.filter((target) => states[target.name] === 'ok').length;
  const ready = audit !== 'unavailable' && (targets.length === 0 || answering > 0);
  return {
    ready,
    ...(ready && answering < targets.length && { degraded: true }),
    supergraph: 'loaded',
    subgraphs: report,
    audit,
  };
}
