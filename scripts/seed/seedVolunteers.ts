import type { Database } from '@sahem/kit';
import type { PrismaClient as VolunteersPrismaClient } from '../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { copyVolunteers } from './copyVolunteers.ts';
import { copyVolunteerSkills } from './copyVolunteerSkills.ts';
import { deferIndexes } from './deferIndexes.ts';
import { generateVolunteers } from './generateVolunteers.ts';
import { inTransaction } from './inTransaction.ts';
import { resolveSeedOptions, type SeedOptions, type SeedReport } from './options.ts';

/**
 * Volunteers generated and written together (a COPY of volunteers, then one of their skills,
 * which reference them), between two progress callbacks: what is held in memory at a time.
 */
const CHUNK = 2_000;
// Serialises concurrent seeders of one database (two `npm start`s); any constant of our own.
const LOCK_KEY = 7_272_027;

/**
 * Fills the volunteers database with `scale × 5,000` volunteers and their skills, ids
 * `V-0000001`… in registration order, then moves the `volunteer_number` sequence past them so
 * later registrations continue the numbering. The ISCO-08 skills come from the migration.
 *
 * Rows are generated chunk by chunk and streamed with `COPY`, so memory does not grow with the
 * scale. Everything happens in one transaction: a crash leaves the database as it was, never half
 * seeded. A database that already has volunteers is left alone unless `reset` is set.
 */
export async function seedVolunteers(
  db: Database<VolunteersPrismaClient>,
  options: SeedOptions & { nationalIdSalt: string },
): Promise<SeedReport> {
  const { seed, reset, volunteers: total, onProgress } = resolveSeedOptions(options);
  return inTransaction(db.pool, async (client) => {
    const count = async (table: string) =>
      (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    if (reset) {
      // The Skill catalogue is reference data from a migration: it stays.
      await client.query('TRUNCATE "VolunteerSkill", "Volunteer" RESTART IDENTITY CASCADE');
    } else {
      const found = await count('Volunteer');
      if (found > 0) {
        return {
          seeded: false,
          rows: { Volunteer: found, VolunteerSkill: await count('VolunteerSkill') },
        };
      }
    }

    let skillRows = 0;
    onProgress({ phase: 'volunteers', done: 0, total });
    const rebuildIndexes = await deferIndexes(client, ['Volunteer', 'VolunteerSkill']);
    const { nationalIdSalt } = options;
    for (const chunk of generateVolunteers({ seed, total, nationalIdSalt, chunk: CHUNK })) {
      // Volunteers first: skills reference them.
      await copyVolunteers(client, chunk.volunteers);
      skillRows += await copyVolunteerSkills(client, chunk.skills);
      onProgress({ phase: 'volunteers', done: chunk.done, total });
    }
    await rebuildIndexes();
    // Ids were given explicitly; without this the next registration would get V-0000001.
    await client.query(`SELECT setval('volunteer_number', $1)`, [total]);
    // Planner statistics now, not when autovacuum gets round to it: until then a freshly
    // seeded database plans its joins as if its tables were empty.
    await client.query('ANALYZE "Volunteer", "VolunteerSkill"');
    return { seeded: true, rows: { Volunteer: total, VolunteerSkill: skillRows } };
  });
}
