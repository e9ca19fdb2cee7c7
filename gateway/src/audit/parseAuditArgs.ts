import { parseArgs } from 'node:util';

/** What `npm run audit` was asked for. */
export interface AuditArgs {
  /** Start of the period, inclusive. */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  subject?: string;
  limit: number;
  json: boolean;
  /** Apply the gateway's migrations and exit (run by the table's owner in production). */
  migrate: boolean;
  help: boolean;
}

/** A command line that cannot be run; its message says why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The help text of `npm run audit`. */
export const AUDIT_USAGE = `Prints the gateway's audit trail for a period (UTC), oldest first.

  npm run audit -- [--from 2026-11-01] [--to 2026-11-30] [--subject V-0000001] [--limit 100] [--json]
  npm run audit -- --migrate

  --from     first day (YYYY-MM-DD) or instant (ISO 8601); default: today
  --to       last day, included, or instant, excluded; default: today
  --subject  only this caller's operations (the token's sub)
  --limit    records printed at most (1–100000); default 100
  --json     one JSON array instead of a table
  --migrate  apply the gateway's migrations to GATEWAY_DATABASE_URL and exit

Reads GATEWAY_DATABASE_URL, else the embedded PostgreSQL npm start uses (SAHEM_DATA_DIR, GATEWAY_PG_PORT).`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Parses the command line. A bare day covers the whole day in UTC, so `--from 2026-11-01 --to
 * 2026-11-30` is all of November; an instant is taken as it is.
 */
export function parseAuditArgs(argv: readonly string[], now: Date = new Date()): AuditArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        subject: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean', default: false },
        migrate: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const today = now.toISOString().slice(0, 10);
  const from = instant(values.from ?? today, '--from', false);
  const to = instant(values.to ?? today, '--to', true);
  if (to <= from) throw new UsageError('--to must come after --from');
  const limit = Number(values.limit ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 100000, not "${values.limit}"`);
  }
  if (values.subject === '') throw new UsageError('--subject needs a value');
  return {
    from,
    to,
    ...(values.subject !== undefined && { subject: values.subject }),
    limit,
    json: values.json,
    migrate: values.migrate,
    help: values.help,
  };
}

/** A day's start (or, as an end, the next day's start) in UTC, or an ISO 8601 instant. */
function instant(text: string, option: string, end: boolean): Date {
  if (DAY.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    // `new Date('2026-02-30')` is invalid, but guard against any rollover all the same.
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) {
      throw new UsageError(`${option}: "${text}" is not a date`);
    }
    return end ? new Date(day.getTime() + DAY_MS) : day;
  }
  const parsed = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(parsed.getTime())) {
    throw new UsageError(`${option}: "${text}" is not a day (YYYY-MM-DD) or an ISO 8601 instant`);
  }
  return parsed;
}
