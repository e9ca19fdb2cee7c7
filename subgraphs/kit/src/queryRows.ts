import pg from 'pg';

/** A statement with numbered parameters, as `Prisma.sql` builds it (`text`, `values`). */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** The OID of PostgreSQL's `date` type. */
const DATE_OID = 1082;

// `pg` turns a `date` into local midnight; Prisma into UTC midnight, which the code expects
// (`isoDate`, date arithmetic in UTC). Per query, so the pool's other users are untouched.
const PRISMA_LIKE_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID
      ? (text: string) => new Date(`${text}T00:00:00.000Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// The pool behind each Prisma client `createDatabase` made: a WeakMap, so a client that is
// closed and dropped takes its entry with it.
const pools = new WeakMap<object, pg.Pool>();

/** Records that `client` (a Prisma client) runs over `pool`; `createDatabase` calls it. */
export function attachPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

/**
 * Runs one read statement through the `pg` pool behind `client`, not through Prisma: on the hot
 * read paths (period figures, sketches, league tables) Prisma's `$queryRaw` costs more CPU than
 * the statement itself (its query compiler in WebAssembly and result mapping, about a third of a
 * programs instance's CPU under load), while the pool's own wrappers (statement counting,
 * request deadlines, tracing) still apply. Rows come as `pg` parses them, except `date`, which
 * comes as UTC midnight as Prisma gives it; so the statement must cast what it returns to types
 * that parse to what `Row` says (`int`, `float8`, `text`, enums, `date`, `timestamptz`, text
 * arrays; `bigint` and `numeric` would be strings). A client without a recorded pool (a Prisma
 * transaction, a test double) runs it through `$queryRawUnsafe`, with the same result.
 */
export async function queryRows<Row>(client: object, statement: SqlStatement): Promise<Row[]> {
  const pool = pools.get(client);
  if (pool) {
    // As Prisma sends them: `pg` would write a Date in the process's time zone, and
    // `'…T19:00-05:00'::date` is the day before the UTC day meant.
    const values = statement.values.map((value) =>
      value instanceof Date ? value.toISOString() : value,
    );
    return (await pool.query({ text: statement.text, values, types: PRISMA_LIKE_TYPES }))
      .rows as Row[];
  }
  const prisma = client as { $queryRawUnsafe(text: string, ...values: unknown[]): Promise<Row[]> };
  return prisma.$queryRawUnsafe(statement.text, ...statement.values);
}
