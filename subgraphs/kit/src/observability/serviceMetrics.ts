import type pg from 'pg';
import client from 'prom-client';
import { boundedLabel } from './boundedLabel.ts';
import { outcomeOf, type RequestRecord } from './requestRecord.ts';

/** The metrics every service of the graph exports at `/metrics`. */
export interface ServiceMetrics {
  registry: client.Registry;
  /** Counts one finished GraphQL request: by operation and outcome, its latency and error codes. */
  observeRequest(record: RequestRecord, status: number): void;
  /** GraphQL requests being served. */
  inFlight: client.Gauge;
  /** Exports the use of a connection pool as `sahem_db_pool_connections{pool,state}`. */
  observePool(name: string, pool: pg.Pool): void;
}

/** Seconds; from a quick cached answer to the 10 s deadline. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A registry of its own for one service (`service` label on every series), with Node's
 * process metrics and the request metrics both the gateway and the subgraphs have.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry, prefix: 'sahem_' });
  const operation = boundedLabel(500);
  const requests = new client.Counter({
    name: 'sahem_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and outcome (ok, partial, error)',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'sahem_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new client.Counter({
    name: 'sahem_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code (each code once per request)',
    labelNames: ['code'],
    registers: [registry],
  });
  const code = boundedLabel(100);
  const inFlight = new client.Gauge({
    name: 'sahem_graphql_requests_in_flight',
    help: 'GraphQL requests being served',
    registers: [registry],
  });
  const pools = new Map<string, pg.Pool>();
  new client.Gauge({
    name: 'sahem_db_pool_connections',
    help: 'Connections of a database pool: total, idle, and requests waiting for one',
    labelNames: ['pool', 'state'],
    registers: [registry],
    collect() {
      for (const [name, pool] of pools) {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      }
    },
  });
  return {
    registry,
    inFlight,
    observeRequest(record, status) {
      const labels = {
        operation: operation(record.operationName),
        outcome: outcomeOf(record, status),
      };
      requests.inc(labels);
      duration.observe(labels, (Date.now() - record.startedAt) / 1000);
      for (const each of record.errorCodes) errors.inc({ code: code(each) });
    },
    observePool(name, pool) {
      pools.set(name, pool);
    },
  };
}
