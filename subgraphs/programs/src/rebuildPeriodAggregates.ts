/**
 * What can run one SQL statement: a `pg` client or pool (`query`), or a Prisma client or
 * transaction (`$executeRawUnsafe`), so the seed can call it whichever it holds.
 */
export type StatementRunner =
  { query(text: string): Promise<unknown> } | { $executeRawUnsafe(text: string): Promise<number> };

/**
 * Recomputes every month row of the period aggregates (`ParticipationMonth`) from the hour logs,
 * by the same statement the triggers run (SQL function `rebuild_participation_months`, created
 * by the migration `period_aggregates`). The triggers keep the rows right through every write,
 * so this is for a bulk load that bypassed them (`COPY` with triggers disabled, a restore) and
 * for checking the maintained rows. Run it in the load's transaction to keep readers from ever
 * seeing the rows half rebuilt.
 */
export async function rebuildPeriodAggregates(db: StatementRunner): Promise<void> {
  const statement = 'SELECT "rebuild_participation_months"()';
  if ('query' in db) await db.query(statement);
  else await db.$executeRawUnsafe(statement);
}
