import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture, programFigures } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// A series of periods in one field, for the nation, a region and an agency, on one store and on
// one store per agency: every figure worked out from the fixture alone. Today is 2026-06-15.
const NOW = new Date('2026-06-15T10:00:00Z');
const TODAY = '2026-06-15';
// Hourly wages of the valuation table 2025.1 (in force from 2025-01-01) for the fixture's
// ISCO-08 major groups.
const RATE: Record<string, number> = { '2': 110, '3': 70, '5': 32 };

const programOf = new Map(fixture.programs.map((program) => [program.id, program]));
const logs = fixture.hourLogs
  .filter((log) => log.verified)
  .map((log) => {
    const participation = fixture.participations[log.participation - 1]!;
    return { ...log, participation, program: programOf.get(participation.programId)! };
  });
type Log = (typeof logs)[number];

const lastDay = (period: string) => {
  const [year, part] = period.split('-');
  if (!part) return `${year}-12-31`;
  const month = part.startsWith('Q') ? Number(part.slice(1)) * 3 : Number(part);
  return new Date(Date.UTC(Number(year), month, 0)).toISOString().slice(0, 10);
};
const firstDay = (period: string) => {
  const [year, part] = period.split('-');
  if (!part) return `${year}-01-01`;
  const month = part.startsWith('Q') ? (Number(part.slice(1)) - 1) * 3 + 1 : Number(part);
  return `${year}-${String(month).padStart(2, '0')}-01`;
};

/**
 * Beneficiaries and programs run of the programs `inScope`: each agency's rounded once, a
 * region's or the nation's the sum of its agencies', on one store as on one store per agency.
 */
function programsOf(inScope: (id: string) => boolean, first: string, last: string) {
  return fixture.agencies
    .map((agency) =>
      programFigures(
        (program) => inScope(program.id) && program.agencyCode === agency.code,
        first,
        last,
        TODAY,
      ),
    )
    .reduce((sum, one) => ({
      beneficiaries: sum.beneficiaries + one.beneficiaries,
      programsRun: sum.programsRun + one.programsRun,
    }));
}

/** A period's figures from the fixture, over the logs and programs `inScope` keeps. */
function expected(period: string, inScope: (log: Log) => boolean, programs = (_: string) => true) {
  const first = firstDay(period);
  const last = lastDay(period);
  const mine = logs.filter((log) => inScope(log) && log.date >= first && log.date <= last);
  const sar = mine.reduce(
    (sum, log) => sum + log.hours * RATE[log.participation.skillCode[0]!]!,
    0,
  );
  return {
    period,
    verifiedHours: mine.reduce((sum, log) => sum + log.hours, 0),
    activeVolunteers: new Set(mine.map((log) => log.participation.volunteerId)).size,
    ...programsOf(programs, first, last),
    economicValue: { sar: Math.round(sar * 100) / 100, tableVersion: '2025.1' },
  };
}

const TRENDS = /* GraphQL */ `
  query Trends {
    nationalTrend(from: "2025-12", to: "2026-04") {
      period
      verifiedHours
      activeVolunteers
      beneficiaries
      programsRun
      economicValue {
        sar
        tableVersion
      }
    }
    regionTrend(regionCode: "SA-01", from: "2026-Q1", to: "2026-Q2") {
      period
      verifiedHours
      activeVolunteers
      beneficiaries
      programsRun
      economicValue {
        sar
        tableVersion
      }
    }
    agencyTrend(agencyCode: "SCD", from: "2025", to: "2026") {
      period
      verifiedHours
      activeVolunteers
      beneficiaries
      programsRun
      economicValue {
        sar
        tableVersion
      }
    }
    provenance: nationalTrend(from: "2023", to: "2025") {
      period
      economicValue {
        sar
        tableVersion
        noValueBecause
      }
    }
  }
`;

describe.each(['shared', 'per-agency'] as const)('trends (%s stores)', (agencies) => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph({ audit: false, agencies, now: () => new Date(NOW) });
    await loadFixture(graph);
  });
  afterAll(() => graph?.stop());

  it('gives every period of the series in order, as the fixture says', async () => {
    const result = await graph.query(TRENDS);
    expect(result.errors).toBeUndefined();
    expect(result.data.nationalTrend).toEqual(
      ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map((period) =>
        expected(period, () => true),
      ),
    );
    const inRiyadh = (id: string) => programOf.get(id)!.regionCode === 'SA-01';
    expect(result.data.regionTrend).toEqual(
      ['2026-Q1', '2026-Q2'].map((period) =>
        expected(period, (log) => inRiyadh(log.program.id), inRiyadh),
      ),
    );
    const ofScd = (id: string) => id.startsWith('SCD-');
    expect(result.data.agencyTrend).toEqual(
      ['2025', '2026'].map((period) => expected(period, (log) => ofScd(log.program.id), ofScd)),
    );
  });

  it('says which valuation table values each period, and why a period has none', async () => {
    const result = await graph.query(TRENDS);
    expect(result.data.provenance).toEqual([
      {
        period: '2023',
        economicValue: { sar: null, tableVersion: null, noValueBecause: 'NO_VALUATION_TABLE' },
      },
      {
        period: '2024',
        economicValue: { sar: null, tableVersion: null, noValueBecause: 'NO_VALUATION_TABLE' },
      },
      {
        period: '2025',
        economicValue: {
          ...expected('2025', () => true).economicValue,
          noValueBecause: null,
        },
      },
    ]);
  });

  it('answers null for an unknown region or agency, and refuses a series it cannot make', async () => {
    const unknown = await graph.query(/* GraphQL */ `
      {
        regionTrend(regionCode: "SA-99", from: "2026-01", to: "2026-02") {
          period
        }
        agencyTrend(agencyCode: "NOPE", from: "2026-01", to: "2026-02") {
          period
        }
      }
    `);
    // Across instances the gateway says why no instance was asked (as for agencyPeriod).
    for (const error of unknown.errors ?? []) expect(error.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.data).toEqual({ regionTrend: null, agencyTrend: null });
    for (const [from, to] of [
      ['2026-01', '2026-Q2'],
      ['2026-05', '2026-04'],
      ['2020-01', '2026-12'],
    ]) {
      const result = await graph.query(
        `query ($from: String!, $to: String!) { nationalTrend(from: $from, to: $to) { period } }`,
        { from, to },
      );
      expect(result.errors?.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
    }
  });
});
