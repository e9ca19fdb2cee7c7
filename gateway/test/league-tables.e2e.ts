import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture, programFigures } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// Programs ranked by a figure of a period, on one store and on one store per agency (each
// instance's first rows merged and cut): every figure worked out from the fixture alone.
const NOW = new Date('2026-06-15T10:00:00Z');
const TODAY = '2026-06-15';
// Hourly wages of the valuation table 2025.1 for the fixture's ISCO-08 major groups.
const RATE: Record<string, number> = { '2': 110, '3': 70, '5': 32 };

/** A program's figures in 2026 from the fixture. */
function figuresOf(programId: string) {
  const participations = fixture.participations.filter((p) => p.programId === programId);
  const logs = fixture.hourLogs.filter((log) => {
    const participation = fixture.participations[log.participation - 1]!;
    return log.verified && log.date.startsWith('2026') && participation.programId === programId;
  });
  const of = (log: (typeof logs)[number]) => fixture.participations[log.participation - 1]!;
  const sar = logs.reduce((sum, log) => sum + log.hours * RATE[of(log).skillCode[0]!]!, 0);
  return {
    verifiedHours: logs.reduce((sum, log) => sum + log.hours, 0),
    activeVolunteers: new Set(logs.map((log) => of(log).volunteerId)).size,
    beneficiaries: programFigures((p) => p.id === programId, '2026-01-01', '2026-12-31', TODAY)
      .beneficiaries,
    economicValue: { sar: Math.round(sar * 100) / 100, tableVersion: '2025.1' },
    participations: participations.length,
  };
}

type Figure = 'verifiedHours' | 'activeVolunteers' | 'beneficiaries';
/** The league table the fixture gives: programs that ran in 2026 or have hours in it. */
function table(
  figure: Figure,
  keep: (program: (typeof fixture.programs)[number]) => boolean,
  first = 10,
) {
  return fixture.programs
    .filter((program) => keep(program))
    .map((program) => ({ program, figures: figuresOf(program.id) }))
    .filter(({ program, figures }) => program.status !== 'DRAFT' || figures.verifiedHours > 0)
    .sort((a, b) => b.figures[figure] - a.figures[figure] || (a.program.id < b.program.id ? -1 : 1))
    .slice(0, first)
    .map(({ program, figures }) => ({
      programId: program.id,
      value: figures[figure],
      program: { title: { en: program.en } },
      figures: {
        verifiedHours: figures.verifiedHours,
        activeVolunteers: figures.activeVolunteers,
        beneficiaries: figures.beneficiaries,
        economicValue: figures.economicValue,
      },
    }));
}

const ROW = /* GraphQL */ `
  fragment Row on ProgramStanding {
    programId
    value
    program {
      title {
        en
      }
    }
    figures {
      verifiedHours
      activeVolunteers
      beneficiaries
      economicValue {
        sar
        tableVersion
      }
    }
  }
`;

const TABLES = /* GraphQL */ `
  query Tables {
    byHours: programRanking(period: "2026", orderBy: VERIFIED_HOURS) {
      ...Row
    }
    topTwoByBeneficiaries: programRanking(period: "2026", orderBy: BENEFICIARIES, first: 2) {
      ...Row
    }
    riyadhByVolunteers: programRanking(
      period: "2026"
      orderBy: ACTIVE_VOLUNTEERS
      regionCode: "SA-01"
    ) {
      ...Row
    }
    electricity: programRanking(period: "2026", orderBy: VERIFIED_HOURS, agencyCode: "SEC") {
      ...Row
    }
  }
  ${ROW}
`;

describe.each(['shared', 'per-agency'] as const)('league tables (%s stores)', (agencies) => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph({ audit: false, agencies, now: () => new Date(NOW) });
    await loadFixture(graph);
  });
  afterAll(() => graph?.stop());

  it('ranks the programs of the nation, a region and an agency by a figure of the period', async () => {
    const result = await graph.query(TABLES);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      byHours: table('verifiedHours', () => true),
      topTwoByBeneficiaries: table('beneficiaries', () => true, 2),
      riyadhByVolunteers: table('activeVolunteers', (p) => p.regionCode === 'SA-01'),
      electricity: table('verifiedHours', (p) => p.agencyCode === 'SEC'),
    });
    expect(result.data.byHours.map((row: { programId: string }) => row.programId)).toEqual([
      'SCD-00001',
      'SEC-00001',
      'SRCA-00001',
    ]);
  });

  it("gives a program's figures in a period, as its row does", async () => {
    const result = await graph.query(/* GraphQL */ `
      {
        program(id: "SCD-00001") {
          period(period: "2026") {
            verifiedHours
            activeVolunteers
            beneficiaries
            economicValue {
              sar
              tableVersion
            }
          }
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    const { participations: _, ...figures } = figuresOf('SCD-00001');
    expect(result.data.program.period).toEqual(figures);
  });

  it('is for analysts, and refuses more than 100 rows', async () => {
    const anonymous = await graph.query(
      '{ programRanking(period: "2026", orderBy: VERIFIED_HOURS) { programId } }',
      {},
      { authorization: '' },
    );
    // Refused at the gateway (`@requiresScopes` aggregates:read), before any instance is asked.
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anonymous.data?.programRanking ?? null).toBeNull();
    const many = await graph.query(
      '{ programRanking(period: "2026", orderBy: VERIFIED_HOURS, first: 101) { programId } }',
    );
    expect(many.errors?.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
  });
});
