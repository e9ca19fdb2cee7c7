import { printable } from '@sahem/kit';
import type { AuditRecord } from './AuditRecord.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

const text = (value: string | null, max: number) => (value === null ? null : printable(value, max));

/**
 * The record as the trail may keep it. Much of it comes from the caller (the operation name, a
 * persisted-query hash, the token's subject) or from subgraphs run by other bodies (agency
 * codes, error codes): each text is made printable (a NUL, which PostgreSQL refuses, or a
 * newline becomes its `\u0000` escape) and bounded in length, so what a caller sends can
 * neither stop the trail nor bloat it, and an auditor still sees what was sent.
 */
export function cleanAuditRecord(record: AuditRecord): AuditRecord {
  return {
    ...record,
    subject: text(record.subject, 256),
    role: printable(record.role, 32),
    agency: text(record.agency, 32),
    operationName: text(record.operationName, 256),
    operationHash:
      record.operationHash === null || SHA256_HEX.test(record.operationHash)
        ? record.operationHash
        : printable(record.operationHash, 128),
    operationType: text(record.operationType, 16),
    subgraphs: record.subgraphs.slice(0, 64).map((name) => printable(name, 64)),
    agenciesReturned: record.agenciesReturned.slice(0, 256).map((code) => printable(code, 32)),
    errorCodes: record.errorCodes.slice(0, 32).map((code) => printable(code, 64)),
    requestId: printable(record.requestId, 128),
    clientIp: text(record.clientIp, 64),
    // Whole milliseconds inside the column's range, whatever a clock did.
    durationMs: Math.min(Math.max(0, Math.round(record.durationMs)), 2_147_483_647),
    httpStatus: Math.min(Math.max(0, Math.round(record.httpStatus)), 999),
  };
}
