import type { Database } from '@sahem/kit';
import type {
  Prisma,
  PrismaClient as ProgramsPrismaClient,
} from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
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

/**
 * Fills the programs database: the four agencies, their programs in every region, the
 * volunteers' participations and their hour logs. Volunteers are the same as the volunteers
 * seeder's for the same scale and seed (recomputed, not read: the databases are separate), so
 * every participation names an existing volunteer and one of that volunteer's skills.
 *
 * Everything happens in one transaction: a crash leaves the database as it was, never half
 * seeded. A database that already has agencies is left alone unless `reset` is set.
 */
export async function seedPrograms(
  db: Database<ProgramsPrismaClient>,
  options: SeedOptions,
): Promise<SeedReport> {
  const { seed, scale, reset, volunteers: total, onProgress } = resolveSeedOptions(options);
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      if (reset) {
        await tx.$executeRawUnsafe(
          'TRUNCATE "HourLog", "Participation", "Program", "Agency" RESTART IDENTITY CASCADE',
        );
      } else {
        const found = await tx.agency.count();
        if (found > 0) {
          const [programs, participations, hourLogs] = await Promise.all([
            tx.program.count(),
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
      await tx.agency.createMany({
        data: AGENCIES.map((agency) => ({
          code: agency.code,
          nameAr: agency.name.ar,
          nameEn: agency.name.en,
          sector: agency.sector,
          lastProgramNumber: plans.lastNumbers.get(agency.code) ?? 0,
        })),
      });
      for (let start = 0; start < plans.programs.length; start += ROW_CHUNK) {
        await tx.program.createMany({
          data: plans.programs
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
        Agency: AGENCIES.length,
        Program: plans.programs.length,
        Participation: 0,
        HourLog: 0,
      };
      onProgress({ phase: 'participations', done: 0, total });
      for (let start = 0; start < total; start += VOLUNTEER_CHUNK) {
        const participations: ParticipationRow[] = [];
        const hourLogs: HourLogRow[] = [];
        const end = Math.min(start + VOLUNTEER_CHUNK, total);
        for (let index = start; index < end; index++) {
          const planned = plan(volunteerProfile(seed, index, total));
          participations.push(...planned.participations);
          hourLogs.push(...planned.hourLogs);
        }
        // Participations first: hour logs reference them.
        await insertInSlices(participations, (slice) => insertParticipations(tx, slice));
        await insertInSlices(hourLogs, (slice) => insertHourLogs(tx, slice));
        rows.Participation += participations.length;
        rows.HourLog += hourLogs.length;
        onProgress({ phase: 'participations', done: end, total });
      }
      // Planner statistics now, not when autovacuum gets round to it: until then the period
      // aggregates plan as if the tables were empty, and take 20 times longer at scale 1.
      await tx.$executeRaw`ANALYZE "Agency", "Program", "Participation", "HourLog"`;
      return { seeded: true, rows };
    },
    { maxWait: 30_000, timeout: transactionTimeout(total) },
  );
}
