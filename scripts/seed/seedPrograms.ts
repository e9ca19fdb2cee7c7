import type { Database } from '@sahem/kit';
import type {
  Prisma,
  PrismaClient as ProgramsPrismaClient,
} from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { rebuildPeriodAggregates } from '../../subgraphs/programs/src/rebuildPeriodAggregates.ts';
import { AGENCIES } from './agencyCatalogue.ts';
import { buildPrograms } from './buildPrograms.ts';
import { dateOf } from './calendar.ts';
import { insertHourLogs, type HourLogRow } from './insertHourLogs.ts';
import { insertInSlices } from './insertInSlices.ts';
import { insertParticipations, type ParticipationRow } from './insertParticipations.ts';
import { resolveSeedOptions, type SeedOptions, type SeedReport } from './options.ts';
import { createParticipationPlanner } from './planParticipations.ts';
import { transactionTimeout } from './transactionTimeout.ts';
import { volunteerProfile } from './volunteerProfile.ts';

/**
 * Volunteers whose participations and hour logs are planned and written together: about
 * 1,500 participations and 10,000 hour logs.
 */
const VOLUNTEER_CHUNK = 1_000;
/** Programs per `createMany`: 16 columns each stays well under PostgreSQL's 65,535 parameters. */
const ROW_CHUNK = 3_000;
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
 * Everything happens in one transaction: a crash leaves the database as it was, never half
 * seeded. A database that already has programs is left alone unless `reset` is set (agency rows
 * alone, which a programs instance writes at start, do not count as seeded).
 */
export async function seedPrograms(
  db: Database<ProgramsPrismaClient>,
  options: ProgramsSeedOptions,
): Promise<SeedReport> {
  const { seed, scale, reset, volunteers: total, onProgress } = resolveSeedOptions(options);
  const written = new Set(options.agencies ?? SEEDED_AGENCIES);
  // Keys name their agency: `SCD-00042` for programs, `SCD-<uuid>` for the rest.
  const ownedHere = (id: string) => written.has(id.slice(0, id.indexOf('-')));
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      if (reset) {
        await tx.$executeRawUnsafe(
          'TRUNCATE "HourLog", "Participation", "Program", "Agency" RESTART IDENTITY CASCADE',
        );
      } else {
        const programs = await tx.program.count();
        if (programs > 0) {
          const [found, participations, hourLogs] = await Promise.all([
            tx.agency.count(),
            tx.participation.count(),
            tx.hourLog.count(),
          ]);
          return {
            seeded: false,
            rows: {
              Agency: found,
              Program: programs,
              Participation: participations,
              HourLog: hourLogs,
            },
          };
        }
      }

      onProgress({ phase: 'programs', done: 0, total: 1 });
      const plans = buildPrograms(seed, scale, total);
      const agencies = AGENCIES.filter((agency) => written.has(agency.code));
      const programs = plans.programs.filter((program) => written.has(program.agencyCode));
      // The instance may have written its agencies' rows already (at start): numbering is the
      // seed's, names stay as they are.
      for (const agency of agencies) {
        const lastProgramNumber = plans.lastNumbers.get(agency.code) ?? 0;
        await tx.agency.upsert({
          where: { code: agency.code },
          create: {
            code: agency.code,
            nameAr: agency.name.ar,
            nameEn: agency.name.en,
            sector: agency.sector,
            lastProgramNumber,
          },
          update: { lastProgramNumber },
        });
      }
      for (let start = 0; start < programs.length; start += ROW_CHUNK) {
        await tx.program.createMany({
          data: programs
            .slice(start, start + ROW_CHUNK)
            .map((program): Prisma.ProgramCreateManyInput => ({
              id: program.id,
              agencyCode: program.agencyCode,
              titleAr: program.title.ar,
              titleEn: program.title.en,
              descriptionAr: program.description.ar,
              descriptionEn: program.description.en,
              kind: program.template.kind,
              regionCode: program.regionCode,
              startDate: dateOf(program.startDay),
              endDate: dateOf(program.endDay),
              capacity: program.capacity,
              requiredSkills: [...program.requiredSkills],
              status: program.status,
              beneficiariesServed: program.beneficiariesServed,
              createdAt: new Date(program.createdAtMs),
              updatedAt: new Date(program.updatedAtMs),
            })),
        });
      }
      onProgress({ phase: 'programs', done: 1, total: 1 });

      const plan = createParticipationPlanner(seed, plans);
      const rows = {
        Agency: agencies.length,
        Program: programs.length,
        Participation: 0,
        HourLog: 0,
      };
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
        await insertInSlices(participations, (slice) => insertParticipations(tx, slice));
        await insertInSlices(hourLogs, (slice) => insertHourLogs(tx, slice));
        rows.Participation += participations.length;
        rows.HourLog += hourLogs.length;
        onProgress({ phase: 'participations', done: end, total });
      }
      // The triggers kept the month rows through the inserts; a bulk load that bypasses them
      // (COPY with triggers off) needs this rebuild, so the seed's figures are right either way.
      await rebuildPeriodAggregates(tx);
      // Planner statistics now, not when autovacuum gets round to it: until then the period
      // aggregates plan as if the tables were empty, and take 20 times longer at scale 1.
      await tx.$executeRaw`ANALYZE "Agency", "Program", "Participation", "HourLog", "ParticipationMonth"`;
      return { seeded: true, rows };
    },
    { maxWait: 30_000, timeout: transactionTimeout(total) },
  );
}
