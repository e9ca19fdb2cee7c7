import type { ApolloServerPlugin } from '@apollo/server';
import pg from 'pg';
import type { GatewayContext } from '../GatewayContext.ts';
import type { AuditRecord } from './AuditRecord.ts';
import { auditPlugin } from './auditPlugin.ts';
import { createBatchQueue } from './createBatchQueue.ts';
import { insertAuditRecords } from './insertAuditRecords.ts';

/** Options of {@link createAuditLog}. */
export interface AuditLogOptions {
  /** The gateway's own PostgreSQL database, migrated (`gateway/migrations`). */
  databaseUrl: string;
  /** Records held in memory at most; beyond it a response waits for the writer. @default 10000 */
  maxQueue?: number;
  /** Records per INSERT at most. @default 200 */
  batchSize?: number;
  /** A partial batch is written this long after its first record. @default 200 */
  flushIntervalMs?: number;
  /**
   * How long `stop()` retries a failing database before it logs what is left; keep it inside
   * the grace period the process manager allows between SIGTERM and SIGKILL. @default 10000
   */
  stopTimeoutMs?: number;
  /** Write failures, and records that could not be written. @default console.error */
  log?: (line: string) => void;
}

/** The gateway's audit trail writer. */
export interface AuditLog {
  /** The Apollo Server plugin that records every operation. */
  plugin: ApolloServerPlugin<GatewayContext>;
  /** Queues one record; resolves once it is queued (it waits while the queue is full). */
  record(entry: AuditRecord): Promise<void>;
  /** Resolves once every record queued before the call is in the database. */
  flush(): Promise<void>;
  /**
   * Writes every queued record, then closes the connection. Call it after the HTTP server has
   * stopped accepting requests and those in flight have been answered. Safe to call twice.
   */
  stop(): Promise<void>;
  /** Records queued and not yet written. */
  readonly pending: number;
}

/**
 * The durable, append-only record of every operation: the plugin queues one record per request
 * as its response is sent, and a background writer inserts them in batches over one connection
 * of its own, so auditing costs a response no database round trip, only a queue slot.
 */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const log = options.log ?? console.error;
  // One connection: batches are written one at a time, in order.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 1,
    application_name: 'sahem-gateway-audit',
  });
  // A dropped idle connection must not crash the gateway; the next batch reconnects (or fails
  // and is retried).
  pool.on('error', (error) => log(`audit: database connection lost: ${error.message}`));
  const queue = createBatchQueue<AuditRecord>({
    write: (batch) => insertAuditRecords(pool, batch),
    log,
    ...(options.maxQueue !== undefined && { maxQueue: options.maxQueue }),
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    ...(options.flushIntervalMs !== undefined && { flushIntervalMs: options.flushIntervalMs }),
    ...(options.stopTimeoutMs !== undefined && { stopTimeoutMs: options.stopTimeoutMs }),
  });
  const record = async (entry: AuditRecord) => {
    try {
      await queue.push(entry);
    } catch {
      // Only after stop(), which comes after the HTTP server closed: a request that still got
      // through is a shutdown-order bug. Its record goes to the log rather than nowhere.
      log(`audit: NOT WRITTEN (audit log stopped) ${JSON.stringify(entry)}`);
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    plugin: auditPlugin(record),
    record,
    flush: () => queue.flush(),
    stop: () =>
      (stopping ??= (async () => {
        try {
          await queue.stop();
        } finally {
          await pool.end();
        }
      })()),
    get pending() {
      return queue.pending;
    },
  };
}
