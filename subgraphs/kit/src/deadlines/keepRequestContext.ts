import { AsyncResource } from 'node:async_hooks';
import type pg from 'pg';

/**
 * Makes `pool` run each statement in the async context of the request that asked for it.
 * pg-pool queues a caller waiting for a connection and calls it back from whichever request
 * releases one, so without this a statement sent while the pool is busy would carry another
 * request's context: its deadline (a statement refused for a deadline not its own), its
 * statement count and its trace.
 */
export function keepRequestContext(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => unknown;
  (pool as unknown as { connect: typeof connect }).connect = (callback) => {
    if (!callback) return connect();
    // A resource of its own rather than `AsyncResource.bind`, which on Node 20 also defines a
    // deprecated `asyncResource` property on every bound function (two `util.deprecate`
    // wrappers per statement: 2 % of a programs instance's CPU on the agency scorecards).
    const resource = new AsyncResource('sahem.pg.connect');
    return connect((...args) => resource.runInAsyncScope(callback, undefined, ...args));
  };
}
