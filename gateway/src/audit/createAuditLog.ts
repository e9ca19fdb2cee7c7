import type { ApolloServerPlugin } from '@apollo/server';
import pg from 'pg';
import type { GatewayContext } from '../GatewayContext.ts';
import type { AuditRecord } from './AuditRecord.ts';
import { auditPlugin } from './auditPlugin.ts';
import { cleanAuditRecord } from './cleanAuditRecord.ts';
import { createBatchQueue, type BatchQueueStats } from './createBatchQueue.ts';
import { insertAuditRecords } from './insertAuditRecords.ts';

/** Options of {@link createAuditLog}. */
export interface AuditLogOptions {
  /** The gateway's own PostgreSQL database, migrated (`gateway/migrations`). */
  databaseUrl: string;
  /** Records held in memory before new operations are refused (AUDIT_UNAVAILABLE). @default 10000 */
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
  /**
   * Holds a place for the record of a request that starts now (the plugin does it for each).
   * Returns false when the trail cannot keep up: the request should then be refused.
   */
  reserve(): boolean;
  /**
   * Queues one record without waiting. A record whose request holds a place (see the plugin) is
   * always taken; another is taken while there is room, else counted as dropped and logged.
   */
  record(entry: AuditRecord, options?: { reserved?: boolean }): void;
  /** Resolves once every record queued before the call is in the database. */
  flush(): Promise<void>;
  /**
   * Writes every queued record, then closes the connection. Call it after the HTTP server has
   * stopped accepting requests and those in flight have been answered. Safe to call twice.
   */
  stop(): Promise<void>;
  /** Records queued and not yet written. */
  readonly pending: number;
  /** What the writer has done: written, failed, set aside, shed (for `/ready` and metrics). */
  readonly stats: AuditStats;
  /** Whether the trail keeps up: not full, and the last write did not fail. */
  readonly healthy: boolean;
}

/** Counters of the audit log. */
export type AuditStats = BatchQueueStats;

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
  const maxQueue = options.maxQueue ?? 10_000;
  const queue = createBatchQueue<AuditRecord>({
    write: (batch) => insertAuditRecords(pool, batch),
    log,
    maxQueue,
    // A value PostgreSQL refuses (data exception, constraint) is the record's fault, not the
    // database's: the batch is split so the others are written, and the record is set aside.
    isPoison: (error) => /^2[23]/.test(String((error as { code?: unknown }).code ?? '')),
    onPoison: async (entry, error) => {
      // Its request still happened: keep what is certain (who, when, outcome), drop the text.
      await insertAuditRecords(pool, [scrubbed(entry)]);
      log(
        `audit: record ${entry.requestId} kept without its text fields (${(error as Error).message})`,
      );
    },
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    ...(options.flushIntervalMs !== undefined && { flushIntervalMs: options.flushIntervalMs }),
    ...(options.stopTimeoutMs !== undefined && { stopTimeoutMs: options.stopTimeoutMs }),
  });
  const record = (entry: AuditRecord, recordOptions: { reserved?: boolean } = {}) => {
    const clean = cleanAuditRecord(entry);
    if (!queue.push(clean, recordOptions)) {
      // After stop() (a request that got through is a shutdown-order bug) or while the queue is
      // full (a request refused before its context existed): the log is the last place left.
      log(`audit: NOT WRITTEN (audit log stopped or full) ${JSON.stringify(clean)}`);
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    plugin: auditPlugin({ reserve: () => queue.reserve(), record }),
    reserve: () => queue.reserve(),
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
    get stats() {
      return queue.stats;
    },
    get healthy() {
      const stats = queue.stats;
      return stats.pending < maxQueue && stats.consecutiveFailures === 0;
    },
  };
}

/** The record with every field a caller could have filled taken out, marked as such. */
function scrubbed(entry: AuditRecord): AuditRecord {
  return {
    ...entry,
    operationName: null,
    operationHash: null,
    subject: entry.subject === null ? null : 'unrecordable',
    errorCodes: [...entry.errorCodes, 'AUDIT_RECORD_SCRUBBED'],
    subgraphs: [],
    agenciesReturned: [],
  };
}
