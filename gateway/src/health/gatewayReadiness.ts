import type { Readiness } from '@sahem/kit';
import type { SupergraphSubgraph } from './subgraphsOfSupergraph.ts';

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

/** What the gateway's `/ready` is made of. */
export interface GatewayReadinessSources {
  /** The subgraphs of the supergraph in service, with the URLs the gateway calls; none before one loads. */
  subgraphs(): readonly SupergraphSubgraph[] | undefined;
  /** Asks each subgraph `{ __typename }`: `ok` or why not. */
  probe(urls: Record<string, string>): Promise<Record<string, string>>;
  /** The audit trail: `ok`, `unavailable` (it cannot keep up) or `off`. */
  audit(): 'ok' | 'unavailable' | 'off';
  /** A subgraph instance's breaker, once breakers exist (the instance is the subgraph's name for now). */
  breakerState?(subgraph: string, instance: string): BreakerState | undefined;
}

/**
 * The gateway is ready when it has a supergraph in service, its audit trail keeps up (else it
 * refuses operations), and at least one of that supergraph's subgraphs answers. One subgraph
 * down makes it `degraded`, not unready: every replica sees the same subgraph, and taking them
 * all out of the load balancer would fail the operations that never touch it.
 */
export async function gatewayReadiness(sources: GatewayReadinessSources): Promise<Readiness> {
  const audit = sources.audit();
  const subgraphs = sources.subgraphs();
  if (!subgraphs) return { ready: false, supergraph: 'none', audit };
  const states = await sources.probe(
    Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
  );
  const report = Object.fromEntries(
    subgraphs.map(({ name, url }) => {
      const breaker = sources.breakerState?.(name, name);
      return [name, { url, status: states[name] ?? 'unknown', ...(breaker && { breaker }) }];
    }),
  );
  const answering = subgraphs.filter((subgraph) => states[subgraph.name] === 'ok').length;
  const ready = audit !== 'unavailable' && (subgraphs.length === 0 || answering > 0);
  return {
    ready,
    ...(ready && answering < subgraphs.length && { degraded: true }),
    supergraph: 'loaded',
    subgraphs: report,
    audit,
  };
}
