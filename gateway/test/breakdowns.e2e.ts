import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture, programFigures } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// A period's figures split by one or two dimensions, on one store and on one store per agency
// (the cells merged at the gateway), small cells suppressed after merging: every value worked
// out below from the fixture and the records this file adds, not by the code under test.
const NOW = new Date('2026-06-15T10:00:00Z');
const THRESHOLD = 3;

// Added to the shared fixture: an electricity program in Riyadh of another kind, four men, three
// participants whose register cell has not reached the agency, and V-0000003 (who volunteers for
// Civil Defense too) giving it three hours.
const PROGRAM = { id: 'SEC-00002', agencyCode: 'SEC', regionCode: 'SA-01', kind: 'PHYSICAL' };
const MEN = ['V-0000101', 'V-0000102', 'V-0000103', 'V-0000104'];
const NO_CELL = ['V-0000105', 'V-0000106', 'V-0000107'];
const ADDED = [
  ...[...MEN, ...NO_CELL].map((volunteerId) => ({ volunteerId, date: '2026-03-01', hours: 2 })),
  { volunteerId: 'V-0000003', date: '2026-03-02', hours: 3 },
];
// The register's cells: the fixture's volunteers as the volunteers store has them (even index
// female, birth year 1990 + index), the four men born in 2000; none for NO_CELL.
const REGISTER: Record<string, { gender: 'FEMALE' | 'MALE'; birthYear: number }> = {
  ...Object.fromEntries(
    fixture.volunteers.map((v, i) => [
      v.id,
      { gender: i % 2 ? ('MALE' as const) : ('FEMALE' as const), birthYear: 1990 + i },
    ]),
  ),
  ...Object.fromEntries(MEN.map((id) => [id, { gender: 'MALE' as const, birthYear: 2000 }])),
};

/** Every counted hour of 2026 (verified, dated in the year), with what a breakdown splits by. */
const programOf = new Map(fixture.programs.map((program) => [program.id, program]));
const rows = [
  ...fixture.hourLogs
    .filter((log) => log.verified && log.date.startsWith('2026'))
    .map((log) => {
      const participation = fixture.participations[log.participation - 1]!;
      const program = programOf.get(participation.programId)!;
      return {
        volunteerId: participation.volunteerId,
        hours: log.hours,
        AGENCY: program.agencyCode,
        REGION: program.regionCode,
        KIND: 'PRACTICAL',
        SKILL: participation.skillCode,
      };
    }),
  ...ADDED.map(({ volunteerId, hours }) => ({
    volunteerId,
    hours,
    AGENCY: PROGRAM.agencyCode,
    REGION: PROGRAM.regionCode,
    KIND: PROGRAM.kind,
    SKILL: '5411',
  })),
];
type Row = (typeof rows)[number];
type Dimension = 'AGENCY' | 'REGION' | 'KIND' | 'SKILL' | 'GENDER' | 'AGE_BAND';

/** Ten-year bands from 15 by age on 2026-01-01 (the year minus the birth year). */
function ageBand(birthYear: number | undefined): string {
  if (birthYear === undefined) return 'UNKNOWN';
  const age = 2026 - birthYear;
  if (age < 15) return 'UNDER_15';
  if (age >= 65) return 'AGE_65_PLUS';
  const from = Math.floor((age - 5) / 10) * 10 + 5;
  return `AGE_${from}_${from + 9}`;
}
const valueOf = (row: Row, dimension: Dimension): string =>
  dimension === 'GENDER'
    ? (REGISTER[row.volunteerId]?.gender ?? 'UNKNOWN')
    : dimension === 'AGE_BAND'
      ? ageBand(REGISTER[row.volunteerId]?.birthYear)
      : row[dimension];
const FIELD: Record<Dimension, string> = {
  AGENCY: 'agencyCode',
  REGION: 'regionCode',
  KIND: 'kind',
  SKILL: 'skillCode',
  GENDER: 'gender',
  AGE_BAND: 'ageBand',
};

/**
 * The cells of the counted rows `keep`, by `by`: distinct volunteers and hours, in the order of
 * their values; the cells named in `suppressed` (values joined by `|`) with their figures null.
 */
function cells(by: Dimension[], keep: (row: Row) => boolean, suppressed: string[]) {
  const groups = new Map<string, { values: string[]; volunteers: Set<string>; hours: number }>();
  for (const row of rows.filter(keep)) {
    const values = by.map((dimension) => valueOf(row, dimension));
    const id = values.join('|');
    const group = groups.get(id) ?? { values, volunteers: new Set<string>(), hours: 0 };
    group.volunteers.add(row.volunteerId);
    group.hours += row.hours;
    groups.set(id, group);
  }
  expect(suppressed.every((id) => groups.has(id))).toBe(true);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, { values, volunteers, hours }]) => ({
      ...Object.fromEntries(Object.values(FIELD).map((field) => [field, null])),
      ...Object.fromEntries(by.map((dimension, i) => [FIELD[dimension], values[i]])),
      activeVolunteers: suppressed.includes(id) ? null : volunteers.size,
      verifiedHours: suppressed.includes(id) ? null : hours,
      suppressed: suppressed.includes(id),
    }));
}

/**
 * Programs run and beneficiaries of the fixture programs `keep` in 2026: each store rounds its
 * own sum once, so on one store per agency the figure is the sum of the agencies' rounded ones.
 */
function programsOf(
  layout: 'shared' | 'per-agency',
  keep: (program: (typeof fixture.programs)[number]) => boolean,
) {
  const groups =
    layout === 'shared'
      ? [fixture.agencies.map((a) => a.code)]
      : fixture.agencies.map((a) => [a.code]);
  return groups
    .map((codes) =>
      programFigures(
        (program) => keep(program) && codes.includes(program.agencyCode),
        '2026-01-01',
        '2026-12-31',
        '2026-06-15',
      ),
    )
    .reduce((sum, one) => ({
      programsRun: sum.programsRun + one.programsRun,
      beneficiaries: sum.beneficiaries + one.beneficiaries,
    }));
}

const CELL =
  'agencyCode regionCode kind skillCode gender ageBand activeVolunteers verifiedHours suppressed';

/** Adds this file's records to the instance holding SEC, and each instance's register cells. */
async function addRecords(graph: Graph) {
  for (const instance of graph.programsInstances) {
    const db = instance.subgraph.db.prisma;
    const held = new Set(instance.agencies);
    if (held.has('SEC')) {
      await db.program.create({
        data: {
          id: PROGRAM.id,
          agencyCode: 'SEC',
          titleAr: 'برنامج',
          titleEn: 'Pylon rescue drills',
          descriptionAr: 'وصف',
          descriptionEn: 'Description',
          kind: 'PHYSICAL',
          regionCode: PROGRAM.regionCode,
          startDate: new Date('2026-01-01'),
          endDate: new Date('2026-12-31'),
          capacity: 20,
          requiredSkills: [],
          status: 'OPEN',
        },
      });
      for (const [i, added] of ADDED.entries()) {
        const id = `SEC-00000000-0000-4000-8000-1000000000${String(i).padStart(2, '0')}`;
        await db.participation.create({
          data: {
            id,
            volunteerId: added.volunteerId,
            programId: PROGRAM.id,
            role: 'MEMBER',
            status: 'ACTIVE',
            skillCode: '5411',
            appliedAt: new Date('2026-01-01T08:00:00Z'),
            joinedOn: new Date('2026-01-02'),
            hourLogs: {
              create: {
                id: `SEC-00000000-0000-4000-9000-1000000000${String(i).padStart(2, '0')}`,
                date: new Date(added.date),
                hours: added.hours,
                activity: 'Drill',
                verified: true,
                verifiedBy: 'officer-1',
                verifiedAt: new Date(added.date),
              },
            },
          },
        });
      }
    }
    // Each instance has the cells of its own participants only, as the cell sync gives them.
    const participants = await db.participation.findMany({
      where: { program: { agencyCode: { in: [...held] } } },
      select: { volunteerId: true },
      distinct: ['volunteerId'],
    });
    await db.participantCell.createMany({
      data: participants.flatMap(({ volunteerId }) =>
        REGISTER[volunteerId]
          ? [{ volunteerId, ...REGISTER[volunteerId]!, syncedAt: new Date('2026-06-01') }]
          : [],
      ),
    });
  }
}

describe.each(['shared', 'per-agency'] as const)('breakdowns (%s stores)', (agencies) => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph({
      audit: false,
      agencies,
      now: () => new Date(NOW),
      smallCellThreshold: THRESHOLD,
    });
    await loadFixture(graph);
    await addRecords(graph);
  });
  afterAll(() => graph?.stop());

  it('splits the nation, a region and an agency by one or two dimensions', async () => {
    const result = await graph.query(/* GraphQL */ `
      {
        nationalPeriod(period: "2026") {
          byAgencyAndRegion: breakdown(by: [AGENCY, REGION]) { ${CELL} }
          byGender: breakdown(by: [GENDER]) { ${CELL} }
          byAge: breakdown(by: [AGE_BAND]) { ${CELL} }
          bySkill: breakdown(by: [SKILL]) { ${CELL} }
        }
      }
    `);
    // Each breakdown is priced at 200 cells: four fit the cost budget (10,000), six do not.
    const more = await graph.query(/* GraphQL */ `
      {
        regionPeriod(regionCode: "SA-01", period: "2026") {
          byKind: breakdown(by: [KIND]) { ${CELL} }
        }
        agencyPeriod(agencyCode: "SEC", period: "2026") {
          byGender: breakdown(by: [GENDER]) { ${CELL} }
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    expect(more.errors).toBeUndefined();
    const all = () => true;
    expect({ ...result.data, ...more.data }).toEqual({
      nationalPeriod: {
        // SEC×SA-04 (1) and SRCA×SA-01 (1) are small; SEC×SA-01 (5) goes with SEC×SA-04, which
        // the SEC total would otherwise reveal; only SCD×SA-01 (3) stands.
        byAgencyAndRegion: cells(['AGENCY', 'REGION'], all, [
          'SEC|SA-01',
          'SEC|SA-04',
          'SRCA|SA-01',
        ]),
        // Nothing small: three women, each once though V-0000001 and V-0000003 volunteer for two
        // agencies; the participants without a register cell are UNKNOWN, never dropped.
        byGender: cells(['GENDER'], all, []),
        // AGE_35_44 is V-0000001 alone; the next smallest, UNKNOWN (3), goes with it.
        byAge: cells(['AGE_BAND'], all, ['AGE_35_44', 'UNKNOWN']),
        // 3258 (1) and 2221 (2) are both small: they protect each other.
        bySkill: cells(['SKILL'], all, ['2221', '3258']),
      },
      regionPeriod: { byKind: cells(['KIND'], (row) => row.REGION === 'SA-01', []) },
      // One agency's cells are final in its own store: FEMALE (V-0000003 alone) is small, and
      // UNKNOWN (3) is smaller than MALE (5).
      agencyPeriod: {
        byGender: cells(['GENDER'], (row) => row.AGENCY === 'SEC', ['FEMALE', 'UNKNOWN']),
      },
    });
    // The independent figures behind the expectations, spelled out once.
    expect(result.data.nationalPeriod.byGender).toEqual([
      expect.objectContaining({ gender: 'FEMALE', activeVolunteers: 3, verifiedHours: 25 }),
      expect.objectContaining({ gender: 'MALE', activeVolunteers: 5, verifiedHours: 15.25 }),
      expect.objectContaining({ gender: 'UNKNOWN', activeVolunteers: 3, verifiedHours: 6 }),
    ]);
  });

  it('counts the programs run and their beneficiaries by program dimensions alone', async () => {
    const result = await graph.query(/* GraphQL */ `
      {
        regionPeriod(regionCode: "SA-01", period: "2026") {
          breakdown(by: [KIND]) {
            kind
            programsRun
            beneficiaries
          }
        }
        nationalPeriod(period: "2026") {
          breakdown(by: [KIND, SKILL]) {
            programsRun
            beneficiaries
          }
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    expect(result.data.regionPeriod.breakdown).toEqual([
      // This file's program: running since 1 January, no beneficiaries recorded.
      { kind: 'PHYSICAL', programsRun: 1, beneficiaries: 0 },
      { kind: 'PRACTICAL', ...programsOf(agencies, (p) => p.regionCode === 'SA-01') },
    ]);
    expect(result.data.regionPeriod.breakdown[1].beneficiaries).toBe(1549);
    // A skill is no program's: no program figure.
    for (const cell of result.data.nationalPeriod.breakdown) {
      expect(cell).toEqual({ programsRun: null, beneficiaries: null });
    }
  });

  it('refuses a breakdown without dimensions, with one twice or with three, and callers without aggregates:read', async () => {
    for (const by of ['[]', '[GENDER, GENDER]', '[AGENCY, REGION, KIND]']) {
      const result = await graph.query(
        `{ nationalPeriod(period: "2026") { breakdown(by: ${by}) { activeVolunteers } } }`,
      );
      expect(result.errors?.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
    }
    const anonymous = await graph.query(
      '{ nationalPeriod(period: "2026") { breakdown(by: [GENDER]) { activeVolunteers } } }',
      {},
      { authorization: '' },
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
