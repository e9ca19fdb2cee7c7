import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import client from 'prom-client';
import { createServiceMetrics, LATENCY_BUCKETS, type ServiceMetrics } from '@sahem/kit';
import type { AuditLog } from '../audit/createAuditLog.ts';
import { BREAKER_STATE_VALUES, type BreakerState } from '../health/gatewayReadiness.ts';

/** How one subgraph fetch ended. */
export type FetchOutcome = 'ok' | 'timeout' | 'unreachable' | 'http_error';

/** The gateway's metrics: every service's, and those of its subgraph fetches, audit trail and plans. */
export interface GatewayMetrics extends ServiceMetrics {
  /** Counts one subgraph fetch (`instance` is the subgraph's name until agencies get instances of their own). */
  observeFetch(subgraph: string, instance: string, outcome: FetchOutcome, seconds: number): void;
  /** Counts a fetch refused without being sent: the instance's breaker is open, or it is overloaded. */
  observeRefusal(subgraph: string, instance: string, reason: 'breaker_open' | 'overloaded'): void;
  /** Counts a failed fetch sent again. */
  observeRetry(subgraph: string, instance: string): void;
  /** Counts hits and misses of the gateway's query-plan cache. */
  observePlanCache(cache: KeyValueCache<unknown>): void;
  /** Counts a subgraph request answered by an identical fetch already in flight (de-duplicated). */
  observeSharedFetch(subgraph: string): void;
  /** Counts a lookup in the response cache, by result. */
  observeResponseCache(result: 'hit' | 'miss'): void;
}

/** Options of {@link createGatewayMetrics}. */
export interface GatewayMetricsSources {
  audit?: AuditLog | undefined;
  /** The subgraph instances of the supergraph in service, for the breaker gauge. */
  instances(): readonly { subgraph: string; instance: string }[];
  breakerState?: ((subgraph: string, instance: string) => BreakerState | undefined) | undefined;
}

/** Builds the gateway's registry: see the README's Operations for every series. */
export function createGatewayMetrics(sources: GatewayMetricsSources): GatewayMetrics {
  const metrics = createServiceMetrics('gateway');
  const registers = [metrics.registry];
  const fetches = new client.Histogram({
    name: 'sahem_gateway_subgraph_fetch_duration_seconds',
    help: 'Subgraph fetches by subgraph, instance and outcome (ok, timeout, unreachable, http_error), to the response headers',
    labelNames: ['subgraph', 'instance', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const fetchErrors = new client.Counter({
    name: 'sahem_gateway_subgraph_fetch_errors_total',
    help: 'Subgraph fetches that failed, by subgraph, instance and reason',
    labelNames: ['subgraph', 'instance', 'reason'],
    registers,
  });
  new client.Gauge({
    name: 'sahem_gateway_subgraph_breaker_state',
    help: 'Circuit breaker of a subgraph instance: 0 closed, 1 half open, 2 open (absent without breakers)',
    labelNames: ['subgraph', 'instance'],
    registers,
    collect() {
      if (!sources.breakerState) return;
      for (const { subgraph, instance } of sources.instances()) {
        const state = sources.breakerState(subgraph, instance);
        if (state) this.set({ subgraph, instance }, BREAKER_STATE_VALUES[state]);
      }
    },
  });
  const audit = sources.audit;
  if (audit) {
    new client.Gauge({
      name: 'sahem_gateway_audit_queue_depth',
      help: 'Audit records held in memory (queued, being written, or reserved by requests in flight)',
      registers,
      collect() {
        this.set(audit.stats.pending);
      },
    });
    new client.Gauge({
      name: 'sahem_gateway_audit_records',
      help: 'Audit records since start, by what became of them (written, failed_writes, set_aside, shed, dropped)',
      labelNames: ['result'],
      registers,
      collect() {
        const stats = audit.stats;
        this.set({ result: 'written' }, stats.written);
        this.set({ result: 'failed_writes' }, stats.failedWrites);
        this.set({ result: 'set_aside' }, stats.poisoned);
        this.set({ result: 'shed' }, stats.refused);
        this.set({ result: 'dropped' }, stats.dropped);
      },
    });
  }
  const refusals = new client.Counter({
    name: 'sahem_gateway_subgraph_refused_total',
    help: 'Subgraph fetches refused without being sent, by subgraph, instance and reason (breaker_open, overloaded)',
    labelNames: ['subgraph', 'instance', 'reason'],
    registers,
  });
  const retries = new client.Counter({
    name: 'sahem_gateway_subgraph_retries_total',
    help: 'Failed subgraph query fetches sent again (within the retry budget), by subgraph and instance',
    labelNames: ['subgraph', 'instance'],
    registers,
  });
  const plans = new client.Counter({
    name: 'sahem_gateway_query_plan_cache_total',
    help: 'Lookups in the query-plan cache, by result (hit, miss)',
    labelNames: ['result'],
    registers,
  });
  const shared = new client.Counter({
    name: 'sahem_gateway_subgraph_fetches_shared_total',
    help: 'Subgraph query requests answered by an identical fetch already in flight (GATEWAY_DEDUP), by subgraph',
    labelNames: ['subgraph'],
    registers,
  });
  const responses = new client.Counter({
    name: 'sahem_gateway_response_cache_total',
    help: 'Lookups in the response cache of aggregate operations, by result (hit, miss)',
    labelNames: ['result'],
    registers,
  });
  return {
    ...metrics,
    observeSharedFetch(subgraph) {
      shared.inc({ subgraph });
    },
    observeResponseCache(result) {
      responses.inc({ result });
    },
    observeFetch(subgraph, instance, outcome, seconds) {
      fetches.observe({ subgraph, instance, outcome }, seconds);
      if (outcome !== 'ok') fetchErrors.inc({ subgraph, instance, reason: outcome });
    },
    observeRefusal(subgraph, instance, reason) {
      refusals.inc({ subgraph, instance, reason });
    },
    observeRetry(subgraph, instance) {
      retries.inc({ subgraph, instance });
    },
    observePlanCache(cache) {
      const get = cache.get.bind(cache);
      cache.get = async (key) => {
        const plan = await get(key);
        plans.inc({ result: plan === undefined ? 'miss' : 'hit' });
        return plan;
      };
    },
  };
}
