import type pg from 'pg';
import type { AuditRecord } from './AuditRecord.ts';

// One statement per batch whatever its size: each column travels as one array parameter and
// `unnest` zips them back into rows. Ragged lists (subgraphs, agencies, error codes) cannot be
// a two-dimensional array, so each travels as a JSON array and is turned into text[] here.
const INSERT = /* SQL */ `
  INSERT INTO "audit_log" (
    "occurred_at", "subject", "role", "agency", "operation_name", "operation_hash",
    "operation_type", "subgraphs", "agencies_returned", "ok", "error_codes", "http_status",
    "request_id", "client_ip", "duration_ms")
  SELECT occurred_at, subject, role, agency, operation_name, operation_hash, operation_type,
         ARRAY(SELECT jsonb_array_elements_text(subgraphs)),
         ARRAY(SELECT jsonb_array_elements_text(agencies_returned)),
         ok,
         ARRAY(SELECT jsonb_array_elements_text(error_codes)),
         http_status, request_id, client_ip, duration_ms
    FROM unnest(
      $1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::jsonb[], $9::jsonb[], $10::boolean[], $11::jsonb[], $12::smallint[], $13::text[],
      $14::text[], $15::integer[]
    ) WITH ORDINALITY AS r(occurred_at, subject, role, agency, operation_name, operation_hash,
           operation_type, subgraphs, agencies_returned, ok, error_codes, http_status,
           request_id, client_ip, duration_ms, position)
   -- Ids follow the order the gateway queued the records.
   ORDER BY position`;

/** Writes `records` into `audit_log` in one statement (one transaction). */
export async function insertAuditRecords(
  db: pg.Pool | pg.Client,
  records: readonly AuditRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const column = <V>(pick: (record: AuditRecord) => V) => records.map(pick);
  await db.query(INSERT, [
    column((r) => r.occurredAt),
    column((r) => r.subject),
    column((r) => r.role),
    column((r) => r.agency),
    column((r) => r.operationName),
    column((r) => r.operationHash),
    column((r) => r.operationType),
    column((r) => JSON.stringify(r.subgraphs)),
    column((r) => JSON.stringify(r.agenciesReturned)),
    column((r) => r.ok),
    column((r) => JSON.stringify(r.errorCodes)),
    column((r) => r.httpStatus),
    column((r) => r.requestId),
    column((r) => r.clientIp),
    column((r) => r.durationMs),
  ]);
}
