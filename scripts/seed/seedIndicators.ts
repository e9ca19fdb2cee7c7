import type { Database } from '@sahem/kit';
import type {
  Prisma,
  PrismaClient as IndicatorsPrismaClient,
} from '../../subgraphs/indicators/src/__generated__/prisma/client.ts';
import { AGENCIES } from './agencyCatalogue.ts';
import { resolveSeedOptions, type SeedOptions, type SeedReport } from './options.ts';
import { REGION_PROFILES } from './regionProfiles.ts';

/** The national goal the ministry announced: a million active volunteers a year. */
export const NATIONAL_ACTIVE_VOLUNTEERS_TARGET = 1_000_000;

const YEARS = ['2025', '2026'];
// Serialises concurrent seeders of the indicators database; any constant of our own.
const LOCK_KEY = 7_272_029;

/**
 * Yearly targets per volunteer of the seeded population, so agency and regional targets stay
 * plausible at any `--scale` (the national goal does not scale: it is the real one). Chosen so
 * that the demo data shows every status: some scopes on track, some at risk, some off track.
 */
const PER_VOLUNTEER = {
  ACTIVE_VOLUNTEERS: 0.8,
  VERIFIED_HOURS: 26,
  BENEFICIARIES: 40,
  PROGRAMS_RUN: 0.03,
};
/** Replacement wage assumed for economic-value targets, SAR per hour. */
const TARGET_WAGE_SAR = 60;
/** Share of the seeded volunteers each agency aims to engage. */
const AGENCY_SHARE: Record<string, number> = { SCD: 0.22, SEC: 0.25, SRCA: 0.3, HRSD: 0.35 };
/** Rates and levels that do not scale with population. */
const LEVELS = { AVG_WEEKLY_HOURS: 1, RETENTION_RATE: 40, TEAM_LEAD_RATIO: 8 };

/**
 * Distinct counts (active volunteers, programs run) are not pro-rated by days, so a quarter or
 * a month has a target only if one is set for it. These are the shares of a year's target set
 * for each quarter and month: the same people are active month after month, so a month's
 * distinct count is far more than a twelfth of the year's (on the seed data a month has about
 * 0.3 of the year's active volunteers and 0.35 of its programs, a quarter 0.4 and 0.45).
 */
const DISTINCT_SHARE = { quarter: 0.4, month: 0.3 };
const DISTINCT_COUNTS = ['ACTIVE_VOLUNTEERS', 'PROGRAMS_RUN'];

type TargetRow = Prisma.TargetCreateManyInput;

/** The quarter and month targets of a yearly distinct-count target (see DISTINCT_SHARE). */
function shorterPeriodTargets(yearly: TargetRow): TargetRow[] {
  const year = yearly.period;
  const quarters = [1, 2, 3, 4].map((q) => ({
    period: `${year}-Q${q}`,
    share: DISTINCT_SHARE.quarter,
  }));
  const months = Array.from({ length: 12 }, (_, m) => ({
    period: `${year}-${String(m + 1).padStart(2, '0')}`,
    share: DISTINCT_SHARE.month,
  }));
  return [...quarters, ...months].map(({ period, share }) => ({
    ...yearly,
    period,
    value: Math.max(1, Math.round(Number(yearly.value) * share)),
  }));
}

/** Yearly targets with the quarter and month targets their distinct counts need. */
const withShorterPeriods = (rows: TargetRow[]): TargetRow[] =>
  rows.flatMap((row) =>
    DISTINCT_COUNTS.includes(row.indicatorCode) ? [row, ...shorterPeriodTargets(row)] : [row],
  );

function scopeTargets(
  scope: TargetRow['scope'],
  scopeCode: string,
  population: number,
): TargetRow[] {
  const hours = Math.round(population * PER_VOLUNTEER.VERIFIED_HOURS);
  const values: Record<string, number> = {
    ACTIVE_VOLUNTEERS: Math.round(population * PER_VOLUNTEER.ACTIVE_VOLUNTEERS),
    VERIFIED_HOURS: hours,
    BENEFICIARIES: Math.round(population * PER_VOLUNTEER.BENEFICIARIES),
    PROGRAMS_RUN: Math.max(1, Math.round(population * PER_VOLUNTEER.PROGRAMS_RUN)),
    ECONOMIC_VALUE: hours * TARGET_WAGE_SAR,
    ...LEVELS,
  };
  return YEARS.flatMap((period) =>
    Object.entries(values).map(([indicatorCode, value]) => ({
      indicatorCode,
      scope,
      scopeCode,
      period,
      value,
    })),
  );
}

/**
 * Fills the indicators database with targets: the national goal of 1,000,000 active
 * volunteers a year (and its one-hour-a-week, hours and value companions), and targets per
 * agency and per region proportional to the seeded population; distinct counts also get
 * quarter and month targets of their own. Deterministic, one transaction,
 * left alone when targets exist unless `reset` is set. The catalogue and the valuation table
 * are reference data from the migrations.
 */
export async function seedIndicators(
  db: Database<IndicatorsPrismaClient>,
  options: SeedOptions,
): Promise<SeedReport> {
  const { reset, volunteers } = resolveSeedOptions(options);
  return db.prisma.$transaction(
    async (tx) => {
      // Two seeds of one database at once (two npm starts) wait for each other instead of
      // colliding on the targets' unique key.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      if (reset) await tx.target.deleteMany();
      else {
        const found = await tx.target.count();
        if (found > 0) return { seeded: false, rows: { Target: found } };
      }
      const national: TargetRow[] = YEARS.flatMap((period) => [
        {
          indicatorCode: 'ACTIVE_VOLUNTEERS',
          scope: 'NATIONAL',
          scopeCode: '',
          period,
          value: NATIONAL_ACTIVE_VOLUNTEERS_TARGET,
        },
        {
          indicatorCode: 'REGISTERED_VOLUNTEERS',
          scope: 'NATIONAL',
          scopeCode: '',
          period,
          value: 1_500_000,
        },
        // One hour a week from each of the million: 52 million hours, valued at the target wage.
        {
          indicatorCode: 'VERIFIED_HOURS',
          scope: 'NATIONAL',
          scopeCode: '',
          period,
          value: 52_000_000,
        },
        {
          indicatorCode: 'ECONOMIC_VALUE',
          scope: 'NATIONAL',
          scopeCode: '',
          period,
          value: 52_000_000 * TARGET_WAGE_SAR,
        },
        ...Object.entries(LEVELS).map(([indicatorCode, value]) => ({
          indicatorCode,
          scope: 'NATIONAL' as const,
          scopeCode: '',
          period,
          value,
        })),
      ]);
      const totalPopulation = REGION_PROFILES.reduce((sum, region) => sum + region.population, 0);
      const regional = REGION_PROFILES.flatMap((region) =>
        scopeTargets('REGION', region.code, (volunteers * region.population) / totalPopulation),
      );
      const agencies = AGENCIES.flatMap((agency) =>
        scopeTargets('AGENCY', agency.code, volunteers * (AGENCY_SHARE[agency.code] ?? 0.2)),
      );
      const data = withShorterPeriods([...national, ...regional, ...agencies]);
      await tx.target.createMany({ data });
      return { seeded: true, rows: { Target: data.length } };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}
