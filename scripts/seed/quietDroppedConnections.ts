import type { Database } from '@sahem/kit';

/**
 * A terminal's Ctrl-C reaches the embedded PostgreSQL too, which then drops its connections.
 * `pg` emits that as an `error` event on the client, and a client checked out of the pool (a
 * seeding transaction between two statements) has no listener for it: the process would
 * crash before it could stop in order. With this listener the loss surfaces only where it
 * matters, as the failure of the statement that needed the connection.
 */
export function quietDroppedConnections(db: Database<unknown>): void {
  db.pool.on('connect', (client) => client.on('error', () => undefined));
}
