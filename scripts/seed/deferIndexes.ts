import type pg from 'pg';

/**
 * Memory for each index build after the load: the sort of a few million keys fits, so each
 * index is built in one pass. Per database, and the programs databases load side by side.
 */
const BUILD_MEMORY = '128MB';

interface Definition {
  table: string;
  name: string;
  definition: string;
}

/**
 * Drops the indexes and constraints of `tables` for a bulk load, and returns what builds them
 * again, after the load, from their definitions as the catalogue gave them: keys, unique
 * constraints, indexes, and the foreign keys from and to these tables (each checked once, over
 * the whole table, when re-added).
 * One index build over the loaded rows is several times cheaper than maintaining every index
 * row by row during a COPY, random uuid keys above all. In the caller's transaction: a failed
 * load or rebuild rolls back the drops too, and nothing else sees the tables meanwhile.
 */
export async function deferIndexes(
  client: pg.ClientBase,
  tables: readonly string[],
): Promise<() => Promise<void>> {
  const regclasses = tables.map((table) => `"${table}"`);
  const { rows: constraints } = await client.query<Definition & { kind: string }>(
    `SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name,
            pg_get_constraintdef(oid) AS definition, contype AS kind
       FROM pg_constraint
      WHERE (contype IN ('p', 'u') AND conrelid = ANY($1::regclass[]))
         OR (contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[])))`,
    [regclasses],
  );
  // Indexes that no key or unique constraint owns (those come back with their constraint).
  const { rows: indexes } = await client.query<Definition>(
    `SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name,
            pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                           AND c.contype IN ('p', 'u', 'x'))`,
    [regclasses],
  );
  const foreign = constraints.filter((constraint) => constraint.kind === 'f');
  const keys = constraints.filter((constraint) => constraint.kind !== 'f');

  // Foreign keys first: a key cannot be dropped while one references it.
  for (const { table, name } of [...foreign, ...keys]) {
    await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  }
  for (const { name } of indexes) await client.query(`DROP INDEX ${name}`);

  return async () => {
    await client.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
    for (const { definition } of indexes) await client.query(definition);
    // Keys before the foreign keys that reference them.
    for (const { table, name, definition } of [...keys, ...foreign]) {
      await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}`);
    }
  };
}
