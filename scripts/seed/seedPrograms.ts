import type { Database } from '@sahem/kit';
import type pg from 'pg';
import type { PrismaClient as ProgramsPrismaClient } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { afterBulkLoad, suspendAggregateTriggers } from './afterBulkLoad.ts';
import { AGENCIES } from './agencyCatalogue.ts';
import { buildPrograms, type ProgramPlans } from './buildPrograms.ts';
import { copyHourLogs } from './copyHourLogs.ts';
import { copyParticipantCells, participantCellsOf } from './copyParticipantCells.ts';
import { copyParticipations } from './copyParticipations.ts';
import { copyPrograms } from './copyPrograms.ts';
import { deferIndexes } from './deferIndexes.ts';
import { generateParticipations } from './generateParticipations.ts';
import { inTransaction } from './inTransaction.ts';
import { resolveSeedOptions, type SeedOptions, type SeedReport } from './options.ts';

/**
 * Volunteers whose participations and hour logs are planned and written together (a COPY of
 * participations, then one of hour logs, which reference them, into each database), divided by
 * `history`: about 1,500 participations and 10,000 hour logs whatever the depth, what is held in
 * memory. Larger chunks save little (a COPY costs a round trip) and let the heap grow: 5,000
 * volunteers at history 3 took the seeder to 1.4 GB at the national size.
 */
const VOLUNTEER_CHUNK = 1_000;
const LOCK_KEY = 7_272_028;
/** The tables loaded by COPY, whose indexes are built after the load (see `deferIndexes`). */
const LOADED_TABLES = ['Program', 'Participation', 'HourLog'];

/** What the programs seeder accepts. */
export interface ProgramsSeedOptions extends SeedOptions {
  /**
   * The agencies whose records this database holds (one agency's instance: `['SCD']`); the others'
   * are planned all the same, so every agency's records are those of the single-store seed.
   * @default every agency of the seed (the single-store layout)
   */
  agencies?: readonly string[];
}

/** One programs database of {@link seedProgramsStores}, with the agencies it holds. */
export interface ProgramsStore {
  db: Database<ProgramsPrismaClient>;
  /** As {@link ProgramsSeedOptions.agencies}. @default every agency of the seed */
  agencies?: readonly string[];
  /** This database's progress; `SeedOptions.onProgress` is not called by the stores' seeder. */
  onProgress?: SeedOptions['onProgress'];
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
  const { agencies, onProgress, ...rest } = options;
  const [report] = await seedProgramsStores([{ db, agencies, onProgress }], rest);
  return report!;
}

/**
 * {@link seedPrograms} into several databases at once (one per programs instance), planning the
 * seed once for all: planning is most of the work, and each database would otherwise plan every
 * agency's rows to keep its own. Each database has its own transaction; all are rolled back
 * when any fails before the end.
 */
export async function seedProgramsStores(
  stores: readonly ProgramsStore[],
  options: SeedOptions,
): Promise<SeedReport[]> {
  const { seed, scale, history, reset, volunteers: total } = resolveSeedOptions(options);
  // One open transaction per database, nested so that a failure anywhere rolls back them all.
  const inAll = async <T>(
    work: (clients: pg.PoolClient[]) => Promise<T>,
    clients: pg.PoolClient[] = [],
  ): Promise<T> =>
    clients.length === stores.length
      ? work(clients)
      : inTransaction(stores[clients.length]!.db.pool, (client) =>
          inAll(work, [...clients, client]),
        );

  return inAll(async (clients) => {
    const reports = await Promise.all(
      clients.map((client) => (reset ? emptyStore(client) : findSeeded(client))),
    );
    const targets = stores.flatMap((store, i) => {
      if (reports[i]) return [];
      const written = new Set(store.agencies ?? SEEDED_AGENCIES);
      const rows = { Agency: 0, Program: 0, Participation: 0, HourLog: 0 };
      reports[i] = { seeded: true, rows };
      return [
        {
          client: clients[i]!,
          rows,
          written,
          // Keys name their agency: `SCD-00042` for programs, `SCD-<uuid>` for the rest.
          ownedHere: (id: string) => written.has(id.slice(0, id.indexOf('-'))),
          onProgress: store.onProgress ?? (() => undefined),
          rebuildIndexes: (): Promise<void> => Promise.resolve(),
        },
      ];
    });
    if (targets.length === 0) return reports as SeedReport[];

    for (const target of targets) target.onProgress({ phase: 'programs', done: 0, total: 1 });
    const plans = buildPrograms(seed, scale, total, history);
    await Promise.all(
      targets.map(async (target) => {
        target.rebuildIndexes = await deferIndexes(target.client, LOADED_TABLES);
        await suspendAggregateTriggers(target.client);
        target.rows.Agency = await writeAgencies(target.client, plans, target.written);
        target.rows.Program = await copyPrograms(
          target.client,
          plans.programs.filter((program) => target.written.has(program.agencyCode)),
        );
        target.onProgress({ phase: 'programs', done: 1, total: 1 });
        target.onProgress({ phase: 'participations', done: 0, total });
      }),
    );

    for (const chunk of generateParticipations({
      seed,
      plans,
      total,
      chunk: Math.ceil(VOLUNTEER_CHUNK / history),
    })) {
      await Promise.all(
        targets.map(async ({ client, rows, ownedHere, onProgress }) => {
          // Participations first: hour logs reference them.
          const participations = chunk.participations.filter((row) => ownedHere(row.id));
          rows.Participation += await copyParticipations(client, participations);
          await copyParticipantCells(client, participantCellsOf(chunk.profiles, participations));
          rows.HourLog += await copyHourLogs(
            client,
            chunk.hourLogs.filter((row) => ownedHere(row.id)),
          );
          onProgress({ phase: 'participations', done: chunk.done, total });
        }),
      );
    }
    await Promise.all(
      targets.map(async (target) => {
        await target.rebuildIndexes();
        await afterBulkLoad(target.client);
      }),
    );
    return reports as SeedReport[];
  });
}

/** Locks the database for this seed and empties its seeded tables (the `reset` option). */
async function emptyStore(client: pg.ClientBase): Promise<undefined> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  await client.query(
    'TRUNCATE "HourLog", "Participation", "Program", "Agency", "ParticipantCell" RESTART IDENTITY CASCADE',
  );
  return undefined;
}

/** Locks the database for this seed; what it holds if it is seeded already, else `undefined`. */
async function findSeeded(client: pg.ClientBase): Promise<SeedReport | undefined> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  const count = async (table: string) =>
    (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0]!.n;
  const programs = await count('Program');
  if (programs === 0) return undefined;
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

/**
 * The agencies' rows. The instance may have written them already (at start): numbering is the
 * seed's, names stay as they are. Returns how many.
 */
async function writeAgencies(
  client: pg.ClientBase,
  plans: ProgramPlans,
  written: ReadonlySet<string>,
): Promise<number> {
  const agencies = AGENCIES.filter(({ code }) => written.has(code));
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
  return agencies.length;
}
