import { beforeAll, describe, expect, it } from 'vitest';
import { aProgram, anAgency } from './fixtures.ts';
import { TODAY, useProgramsSubgraph } from './programsSubgraph.ts';

// Defect 5 of issue 11: beneficiaries and programs run were counted in full in every period a
// program touched, so the twelve months of a year summed to several times the year, and a
// month barely begun reported a running program's every beneficiary. Today is 2026-06-15.
const subgraph = useProgramsSubgraph();

const PROGRAMS = [
  // 166 days elapsed of 2026 by June 15: 10 beneficiaries a day.
  {
    id: 'BEN-00001',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    status: 'OPEN',
    beneficiariesServed: 1_660,
  },
  // 243 days, 184 of them in 2025: one beneficiary a day.
  {
    id: 'BEN-00002',
    startDate: '2025-07-01',
    endDate: '2026-02-28',
    status: 'COMPLETED',
    beneficiariesServed: 243,
  },
  // Starts in September: has run on no day yet.
  {
    id: 'BEN-00003',
    startDate: '2026-09-01',
    endDate: '2026-10-31',
    status: 'OPEN',
    beneficiariesServed: 0,
  },
  // A draft never counts.
  {
    id: 'BEN-00004',
    startDate: '2026-01-01',
    endDate: '2026-03-31',
    status: 'DRAFT',
    beneficiariesServed: 500,
  },
] as const;

const FIGURES = /* GraphQL */ `
  query Figures($period: String!) {
    agencyPeriod(agencyCode: "BEN", period: $period) {
      beneficiaries
      programsRun
    }
    nationalPeriod(period: $period) {
      beneficiaries
      programsRun
    }
  }
`;

const figuresOf = (period: string) => subgraph.run(FIGURES, { period });

const DAY = 86_400_000;
const days = (first: string, last: string) =>
  Math.max(0, (Date.parse(last) - Date.parse(first)) / DAY + 1);
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/**
 * The rule, written out independently of the SQL: a program's beneficiaries are spread evenly
 * over the days it has run so far, and a period takes those of its days; a program has run in
 * a period when it ran on at least one elapsed day of it.
 */
function expected(first: string, last: string) {
  let beneficiaries = 0;
  let programsRun = 0;
  for (const program of PROGRAMS) {
    if (program.status === 'DRAFT') continue;
    const ranUntil = min(program.endDate, TODAY);
    const ran = days(program.startDate, ranUntil);
    const inPeriod = days(max(program.startDate, first), min(ranUntil, last));
    if (ran === 0 || inPeriod === 0) continue;
    programsRun += 1;
    beneficiaries += (program.beneficiariesServed * inPeriod) / ran;
  }
  return { beneficiaries: Math.round(beneficiaries), programsRun };
}

const MONTHS = Array.from({ length: 12 }, (_, i): [string, string, string] => {
  const month = String(i + 1).padStart(2, '0');
  const last = new Date(Date.UTC(2026, i + 1, 0)).toISOString().slice(0, 10);
  return [`2026-${month}`, `2026-${month}-01`, last];
});

beforeAll(async () => {
  await anAgency(subgraph, 'BEN');
  for (const program of PROGRAMS) await aProgram(subgraph, { ...program, agencyCode: 'BEN' });
});

describe('beneficiaries and programs run of a period', () => {
  it('count a running program in a month by the days it has run in it, not in full', async () => {
    const june = await figuresOf('2026-06');

    expect(june.errors).toBeUndefined();
    expect(june.data!.agencyPeriod).toEqual({ beneficiaries: 150, programsRun: 1 });
  });

  it('count nothing in a period in which no program has run yet', async () => {
    const third = await figuresOf('2026-Q3');

    expect(third.data!.agencyPeriod).toEqual({ beneficiaries: 0, programsRun: 0 });
  });

  it('sum over the twelve months of 2026 to the year', async () => {
    const year = (await figuresOf('2026')).data!.agencyPeriod;
    let months = 0;
    for (const [period] of MONTHS)
      months += (await figuresOf(period)).data!.agencyPeriod.beneficiaries;

    expect(year).toEqual({ beneficiaries: 1_660 + 59, programsRun: 2 });
    expect(months).toBe(year.beneficiaries);
  });

  it.each<[string, string, string]>([
    ['2025', '2025-01-01', '2025-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    ['2025-Q3', '2025-07-01', '2025-09-30'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ...MONTHS,
  ])('of %s follow the rule, for the agency and for the nation', async (period, first, last) => {
    const result = await figuresOf(period);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      agencyPeriod: expected(first, last),
      nationalPeriod: expected(first, last),
    });
  });
});

describe('beneficiaries of a region and of the nation', () => {
  // Two agencies' programs in one region, through 2024 (366 days): 4 beneficiaries each, so
  // January (31 days) takes 0.34 of each. Nobody else ran a program in 2024.
  const AGENCIES = ['T51', 'T52'];
  const OF_REGION = /* GraphQL */ `
    query Region($period: String!) {
      t51: agencyPeriod(agencyCode: "T51", period: $period) {
        beneficiaries
        programsRun
      }
      t52: agencyPeriod(agencyCode: "T52", period: $period) {
        beneficiaries
        programsRun
      }
      regionPeriod(regionCode: "SA-07", period: $period) {
        beneficiaries
        programsRun
      }
      nationalPeriod(period: $period) {
        beneficiaries
        programsRun
      }
    }
  `;

  beforeAll(async () => {
    for (const agencyCode of AGENCIES) {
      await aProgram(subgraph, {
        agencyCode,
        regionCode: 'SA-07',
        startDate: '2024-01-01',
        endDate: '2024-12-31',
        status: 'COMPLETED',
        beneficiariesServed: 4,
      });
    }
  });

  it("are the sum of their agencies', each rounded, as one instance per agency adds them up", async () => {
    const january = await subgraph.run(OF_REGION, { period: '2024-01' });

    expect(january.errors).toBeUndefined();
    // 0.34 + 0.34 rounds to 1, but each agency serves 0 whole beneficiaries in January: 0.
    expect(january.data).toEqual({
      t51: { beneficiaries: 0, programsRun: 1 },
      t52: { beneficiaries: 0, programsRun: 1 },
      regionPeriod: { beneficiaries: 0, programsRun: 2 },
      nationalPeriod: { beneficiaries: 0, programsRun: 2 },
    });
    const year = await subgraph.run(OF_REGION, { period: '2024' });
    expect(year.data!.regionPeriod).toEqual({ beneficiaries: 8, programsRun: 2 });
    expect(year.data!.nationalPeriod).toEqual({ beneficiaries: 8, programsRun: 2 });
  });
});
