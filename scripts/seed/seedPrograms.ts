import type { Database } from '@sahem/kit';
import type { PrismaClient as ProgramsPrismaClient } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { afterBulkLoad } from './afterBulkLoad.ts';
import { AGENCIES } from './agencyCatalogue.ts';
import { buildPrograms } from './buildPrograms.ts';
import { copyHourLogs, type HourLogRow } from './copyHourLogs.ts';
import { copyParticipations, type ParticipationRow } from './copyParticipations.ts';
import { copyPrograms } from './copyPrograms.ts';
import { inTransaction } from './inTransaction.ts';
import { resolveSeedOptions, type SeedOptions, type SeedReport } from './options.ts';
import { createParticipationPlanner } from './planParticipations.ts';
import { volunteerProfile } from './volunteerProfile.ts';

/**
 * Volunteers whose participations and hour logs are planned and written together (a COPY of
 * participations, then one of hour logs, which reference them): about 7,500 participations and
 * 50,000 hour logs per `history`, what is held in memory at a time.
 */
const VOLUNTEER_CHUNK = 5_000;
const LOCK_KEY = 7_272_028;

/** What the programs seeder accepts. */
export interface ProgramsSeedOptions extends SeedOptions {
  /**
   * The agencies whose records this database holds (one agency's instance: `['SCD']`); the others'
   * are planned all the same, so every agency's records are those of the single-store seed.
   * @default every agency of the seed (the single-store layout)
   */
  agencies?: readonly string[];
}

/** The codes of the agencies the seed has programs for. */
export const SEEDED_AGENCIES: readonly string[] = AGENCIES.map((agency) => agency.code);

/**
 * Fills the programs database: the agencies, their programs in every region, the volunteers'
 * participations and their hour logs, of every agency or of `agencies` only. Volunteers are the
 * same as the volunteers seeder's for the same scale and seed (recomputed, not read: the
 * databases are separate), so every participation names an existing volunteer and one of that
 * volunteer's skills. The generator is deterministic per volunteer and the planner runs over
 * every agency's programs whatever is written: one agency's database gets exactly its share of
 * the single-store seed, and the four agencies' databases together hold that seed, row for row.
 *
 * Rows are streamed with `COPY` as they are planned, so memory does not grow with the volunteers;
 * {@link afterBulkLoad} then runs once over the loaded database.
 *
 * Everything happens in one transaction: a crash leaves the database as it was, never half
 * seeded. A database that already has programs is left alone unless `reset` is set (agency rows
 * alone, which a programs instance writes at start, do not count as seeded).
 */
export async function seedPrograms(
  db: Database<ProgramsPrismaClient>,
  options: ProgramsSeedOptions,
): Promise<SeedReport> {
  const {
    seed,
    scale,
    history,
    reset,
    volunteers: total,
    onProgress,
  } = resolveSeedOptions(options);
  const written = new Set(options.agencies ?? SEEDED_AGENCIES);
  // Keys name their agency: `SCD-00042` for programs, `SCD-<uuid>` for the rest.
  const ownedHere = (id: string) => written.has(id.slice(0, id.indexOf('-')));
  return inTransaction(db.pool, async (client) => {
    const count = async (table: string) =>
      (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    if (reset) {
      await client.query(
        'TRUNCATE "HourLog", "Participation", "Program", "Agency" RESTART IDENTITY CASCADE',
      );
    } else {
      const programs = await count('Program');
      if (programs > 0) {
        return {
          seeded: false,
          rows: {
            Agency: await count('Agency'),
            Program: programs,
            Participation: await count('Participation'),
            HourLog: await count('HourLog'),
          },
        };
      }
    }

    onProgress({ phase: 'programs', done: 0, total: 1 });
    const plans = buildPrograms(seed, scale, total, history);
    const agencies = AGENCIES.filter((agency) => written.has(agency.code));
    // The instance may have written its agencies' rows already (at start): numbering is the
    // seed's, names stay as they are.
    for (const agency of agencies) {
      await client.query(
        `INSERT INTO "Agency" (code, "nameAr", "nameEn", sector, "lastProgramNumber")
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET "lastProgramNumber" = EXCLUDED."lastProgramNumber"`,
        [
          agency.code,
          agency.name.ar,
          agency.name.en,
          agency.sector,
          plans.lastNumbers.get(agency.code) ?? 0,
        ],
      );
    }
    const programs = await copyPrograms(
      client,
      plans.programs.filter((program) => written.has(program.agencyCode)),
    );
    onProgress({ phase: 'programs', done: 1, total: 1 });

    const plan = createParticipationPlanner(seed, plans);
    const rows = { Agency: agencies.length, Program: programs, Participation: 0, HourLog: 0 };
    onProgress({ phase: 'participations', done: 0, total });
    for (let start = 0; start < total; start += VOLUNTEER_CHUNK) {
      const participations: ParticipationRow[] = [];
      const hourLogs: HourLogRow[] = [];
      const end = Math.min(start + VOLUNTEER_CHUNK, total);
      // Every volunteer is planned (the planner counts places in every program), then only
      // this database's agencies' rows are kept.
      for (let index = start; index < end; index++) {
        const planned = plan(volunteerProfile(seed, index, total));
        for (const row of planned.participations) if (ownedHere(row.id)) participations.push(row);
        for (const row of planned.hourLogs) if (ownedHere(row.id)) hourLogs.push(row);
      }
      // Participations first: hour logs reference them.
      rows.Participation += await copyParticipations(client, participations);
      rows.HourLog += await copyHourLogs(client, hourLogs);
      onProgress({ phase: 'participations', done: end, total });
    }
    await afterBulkLoad(client);
    return { seeded: true, rows };
  });
}
