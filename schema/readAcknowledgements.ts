import { readFileSync } from 'node:fs';

/**
 * A breaking change to the API schema the team has decided to make, committed in
 * `schema/acknowledged-changes.json`. It matches a change by its path and message, exactly as
 * `npm run schema:check` prints them.
 */
export interface Acknowledgement {
  /** Schema coordinate of the change, e.g. `Agency.sector` or `Query.programs.after`. */
  path: string;
  /** The change as graphql-inspector words it. */
  message: string;
  /** Why breaking the contract is acceptable (clients migrated, field never shipped, …). */
  reason: string;
  /** Who approved it. */
  approvedBy: string;
}

/** Reads and checks the acknowledgements file; a missing file means none. */
export function readAcknowledgements(file: URL | string): Acknowledgement[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`${String(file)}: expected a JSON array of changes`);
  return parsed.map((entry: unknown, index) => {
    const fields = ['path', 'message', 'reason', 'approvedBy'] as const;
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const missing = fields.filter(
      (field) => typeof record[field] !== 'string' || record[field].trim() === '',
    );
    // An acknowledgement without a reason or an approver is no decision at all.
    if (missing.length > 0) {
      throw new Error(`${String(file)}: entry ${index} needs ${missing.join(', ')}`);
    }
    const { path, message, reason, approvedBy } = record as unknown as Acknowledgement;
    return { path, message, reason, approvedBy };
  });
}
