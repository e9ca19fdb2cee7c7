import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of one column as COPY's text format carries it; `null` is SQL NULL. */
export type CopyValue = string | number | boolean | null;

/** Bytes of COPY text gathered before they are handed to the socket: a few TCP packets. */
const BATCH_CHARS = 64 * 1024;

// COPY text format: backslash, tab (the delimiter), newline and carriage return (the row end)
// are the only characters that need escaping; `\N` is NULL.
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    // NaN or Infinity would be stored as such by a numeric column: a generator bug, not data.
    if (!Number.isFinite(value)) throw new RangeError(`cannot copy the number ${value}`);
    return String(value);
  }
  return value.replace(SPECIAL, (char) => ESCAPES[char]!);
}

/**
 * A PostgreSQL array literal (`{"A","B"}`) of text elements, each quoted so that commas, braces
 * and quotes inside an element stay inside it.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Streams `rows` into `table` with one `COPY … FROM STDIN` on `client`, in the caller's
 * transaction, and returns the number of rows PostgreSQL took. Rows are encoded as they are
 * pulled, in batches of about 64 kB, and the stream waits for the socket to drain, so memory
 * stays bounded however many rows the iterable yields.
 *
 * @param columns quoted as identifiers here; every row gives one value per column, in order.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const quoted = columns.map((column) => `"${column}"`).join(', ');
  const target = client.query(copyFrom(`COPY "${table}" (${quoted}) FROM STDIN`));
  let count = 0;
  function* text(): Generator<string> {
    let batch = '';
    for (const row of rows) {
      if (row.length !== columns.length) {
        throw new RangeError(
          `${table}: a row of ${row.length} values for ${columns.length} columns`,
        );
      }
      batch += row.map(copyField).join('\t') + '\n';
      count++;
      if (batch.length >= BATCH_CHARS) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  // An error while generating destroys the COPY stream, which sends CopyFail: the statement
  // fails and the transaction can still be rolled back on this connection.
  await pipeline(Readable.from(text(), { objectMode: false }), target);
  if (target.rowCount !== count) {
    throw new Error(`${table}: PostgreSQL copied ${target.rowCount} rows of the ${count} sent`);
  }
  return count;
}
