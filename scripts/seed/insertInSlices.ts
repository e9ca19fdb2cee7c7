/**
 * Rows per bulk INSERT. Column arrays have no parameter limit, so this only bounds memory:
 * Prisma keeps the arguments of its last 100 debug calls even with `DEBUG` unset, so the
 * parameters of recent statements stay reachable. At 1,000 rows that is tens of megabytes;
 * 10,000-row statements took the programs seeder to a 1.2 GB peak at scale 12, for a few
 * per cent of speed.
 */
export const ROWS_PER_INSERT = 1_000;

/** Runs `insert` on consecutive slices of `rows`, one after the other (one connection). */
export async function insertInSlices<Row>(
  rows: readonly Row[],
  insert: (slice: readonly Row[]) => Promise<unknown>,
): Promise<void> {
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    await insert(rows.slice(from, from + ROWS_PER_INSERT));
  }
}
