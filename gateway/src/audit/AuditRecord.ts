/** One operation the gateway answered, as the audit trail keeps it (a row of `audit_log`). */
export interface AuditRecord {
  /** When the gateway received the request. */
  occurredAt: Date;
  /** The caller's subject; null for anonymous callers. */
  subject: string | null;
  role: string;
  /** The caller's agency (agency staff); null otherwise. */
  agency: string | null;
  operationName: string | null;
  /** SHA-256 (hex) of the document text; null when the request carried none. */
  operationHash: string | null;
  /** `query`, `mutation` or `subscription`; null when the document did not parse. */
  operationType: string | null;
  /** Subgraphs the plan called, sorted. */
  subgraphs: string[];
  /** Agencies whose records the subgraphs returned, sorted. */
  agenciesReturned: string[];
  /** No error in the response. */
  ok: boolean;
  /** `extensions.code` of the response's errors, in order, without repeats. */
  errorCodes: string[];
  httpStatus: number;
  requestId: string;
  clientIp: string | null;
  durationMs: number;
}
