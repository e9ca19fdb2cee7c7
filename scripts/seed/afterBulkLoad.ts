import type pg from 'pg';
import { rebuildPeriodAggregates } from '../../subgraphs/programs/src/rebuildPeriodAggregates.ts';

/** The tables whose statement triggers keep the period aggregates (`ParticipationMonth`). */
const AGGREGATED_TABLES = ['HourLog', 'Participation'];

/**
 * Turns off, for this seeding transaction, the triggers that keep the period aggregates: each
 * COPY would otherwise run their grouped upsert joining the participations, whose keys are
 * dropped during the load (`deferIndexes`), so every chunk would scan the table.
 * {@link afterBulkLoad} rebuilds the aggregates in one statement and turns them on again.
 * `USER` spares the foreign keys' internal triggers.
 */
export async function suspendAggregateTriggers(client: pg.ClientBase): Promise<void> {
  for (const table of AGGREGATED_TABLES) {
    await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  }
}

/**
 * What a programs database needs once its rows are loaded, in the seeding transaction, after
 * the indexes are rebuilt: the one place for work over the whole load, run once per programs
 * database after its last COPY.
 *
 * - The period aggregates, recomputed from the loaded hour logs in one statement (rather than
 *   chunk by chunk by the triggers), and their triggers on again.
 * - Planner statistics now, not when autovacuum gets round to it. Until then the period
 *   aggregates plan as if the tables were empty, and take 20 times longer at scale 1.
 */
export async function afterBulkLoad(client: pg.ClientBase): Promise<void> {
  await rebuildPeriodAggregates(client);
  for (const table of AGGREGATED_TABLES) {
    await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  }
  await client.query(
    'ANALYZE "Agency", "Program", "Participation", "HourLog", "ParticipationMonth", "ParticipantCell"',
  );
}
