import type pg from 'pg';

/**
 * What a programs database needs once its rows are loaded, in the seeding transaction: the one
 * place for work over the whole load (maintained aggregates rebuilt in one statement rather
 * than row by row, derived tables), run once per programs database after its last COPY.
 *
 * Today: planner statistics now, not when autovacuum gets round to it. Until then the period
 * aggregates plan as if the tables were empty, and take 20 times longer at scale 1.
 */
export async function afterBulkLoad(client: pg.ClientBase): Promise<void> {
  await client.query('ANALYZE "Agency", "Program", "Participation", "HourLog", "ParticipantCell"');
}
