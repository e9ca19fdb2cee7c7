import type pg from 'pg';
import type { AuditRecord } from './AuditRecord.ts';

/** What {@link queryAuditTrail} reads. */
export interface AuditTrailQuery {
  /** Start of the period, inclusive. */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  /** Only this caller's operations. */
  subject?: string | undefined;
  /** Rows returned at most (the earliest first). @default 100 */
  limit?: number;
}

/** One row of the trail: the record plus what the database added. */
export interface AuditTrailEntry extends AuditRecord {
  /** Position in the trail (a bigint, as text). */
  id: string;
  /** When the row was written. */
  recordedAt: Date;
}

/** A page of the trail and how many records the period holds in all. */
export interface AuditTrail {
  entries: AuditTrailEntry[];
  total: number;
}

const COLUMNS = /* SQL */ `
  id::text AS "id", occurred_at AS "occurredAt", subject, role, agency,
  operation_name AS "operationName", operation_hash AS "operationHash",
  operation_type AS "operationType", subgraphs, agencies_returned AS "agenciesReturned", ok,
  error_codes AS "errorCodes", http_status AS "httpStatus", request_id AS "requestId",
  client_ip AS "clientIp", duration_ms AS "durationMs", recorded_at AS "recordedAt"`;

// `$3::text IS NULL OR …` keeps one statement for both cases; both are served by an index
// (occurred_at) or (subject, occurred_at).
const WHERE = /* SQL */ `
  occurred_at >= $1 AND occurred_at < $2 AND ($3::text IS NULL OR subject = $3)`;

/**
 * The audit trail of a period, optionally for one subject, in the order operations arrived:
 * what `npm run audit` prints.
 */
export async function queryAuditTrail(
  db: pg.Pool | pg.Client,
  query: AuditTrailQuery,
): Promise<AuditTrail> {
  const params = [query.from, query.to, query.subject ?? null];
  const [rows, count] = await Promise.all([
    db.query<AuditTrailEntry>(
      `SELECT ${COLUMNS} FROM audit_log WHERE ${WHERE} ORDER BY occurred_at, id LIMIT $4`,
      [...params, query.limit ?? 100],
    ),
    db.query<{ total: string }>(`SELECT count(*) AS total FROM audit_log WHERE ${WHERE}`, params),
  ]);
  return { entries: rows.rows, total: Number(count.rows[0]?.total ?? 0) };
}
