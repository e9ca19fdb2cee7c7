import type { AuditTrail, AuditTrailEntry } from './queryAuditTrail.ts';

const COLUMNS: [heading: string, cell: (entry: AuditTrailEntry) => string][] = [
  ['time (UTC)', (e) => e.occurredAt.toISOString().replace('T', ' ').slice(0, 23)],
  ['subject', (e) => e.subject ?? '-'],
  ['role', (e) => e.role],
  ['agency', (e) => e.agency ?? '-'],
  ['type', (e) => e.operationType ?? '-'],
  ['operation', (e) => e.operationName ?? '-'],
  // Enough of the hash to tell documents apart and to find the full one with --json.
  ['hash', (e) => e.operationHash?.slice(0, 12) ?? '-'],
  ['subgraphs', (e) => e.subgraphs.join(',') || '-'],
  ['agencies', (e) => e.agenciesReturned.join(',') || '-'],
  ['outcome', (e) => (e.ok ? 'ok' : e.errorCodes.join(','))],
  ['http', (e) => String(e.httpStatus)],
  ['ms', (e) => String(e.durationMs)],
  ['request id', (e) => e.requestId],
  ['client ip', (e) => e.clientIp ?? '-'],
];

/** The trail as an aligned text table with a summary line, as `npm run audit` prints it. */
export function formatAuditTrail(trail: AuditTrail): string {
  const rows = [
    COLUMNS.map(([heading]) => heading),
    ...trail.entries.map((entry) => COLUMNS.map(([, cell]) => cell(entry))),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const shown = trail.entries.length;
  const summary =
    shown === trail.total
      ? `${shown} record${shown === 1 ? '' : 's'}`
      : `${shown} of ${trail.total} records (raise --limit or narrow the period for more)`;
  return shown === 0 ? 'No record in this period.' : `${lines.join('\n')}\n${summary}`;
}
