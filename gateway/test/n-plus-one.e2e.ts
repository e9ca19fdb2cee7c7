import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashNationalId, withCheckDigit } from '../../subgraphs/volunteers/src/nationalId.ts';
import { startGraph, TEST_SALT, type Graph } from './support/startGraph.ts';

let graph: Graph;

const AGENCIES = ['SCD', 'SEC', 'SRCA', 'HRSD'];
const PROGRAMS = Array.from({ length: 10 }, (_, i) => ({
  id: `${AGENCIES[i % 4]}-${String(i + 1).padStart(5, '0')}`,
  agencyCode: AGENCIES[i % 4]!,
}));
// Region SA-03: 10 volunteers with four participations each, one in each agency (40 rows);
// region SA-01: 100 volunteers with ten participations each (1,000 rows). Both reach every
// agency, so with one instance per agency each instance answers both, with more rows or fewer.
const SMALL = { region: 'SA-03', volunteers: 10, participationsEach: 4 };
const LARGE = { region: 'SA-01', volunteers: 100, participationsEach: 10 };

async function load(graph: Graph): Promise<void> {
  const volunteers = [SMALL, LARGE].flatMap((group, g) =>
    Array.from({ length: group.volunteers }, (_, i) => ({
      id: `V-${g}${String(i + 1).padStart(6, '0')}`,
      group,
    })),
  );
  const v = graph.volunteers.db.prisma;
  await v.volunteer.createMany({
    data: volunteers.map(({ id, group }, i) => {
      const nationalId = withCheckDigit(`1${String(i).padStart(8, '0')}`);
      return {
        id,
        fullName: `Volunteer ${id}`,
        nationalIdHash: hashNationalId(nationalId, TEST_SALT),
        nationalIdLast4: nationalId.slice(-4),
        gender: 'FEMALE' as const,
        birthYear: 1990,
        regionCode: group.region,
        city: 'City',
        email: `${id}@example.sa`,
        weeklyAvailabilityHours: 2,
        kinds: ['PRACTICAL' as const],
      };
    }),
  });
  await v.volunteerSkill.createMany({
    data: volunteers.flatMap(({ id }) => [
      { volunteerId: id, skillCode: '2221' },
      { volunteerId: id, skillCode: '5411' },
    ]),
  });
  const participations = volunteers.flatMap(({ id, group }) =>
    PROGRAMS.slice(0, group.participationsEach).map((program, k) => ({
      id: `${program.agencyCode}-${crypto.randomUUID()}`,
      volunteerId: id,
      programId: program.id,
      role: k === 0 ? ('TEAM_LEAD' as const) : ('MEMBER' as const),
      status: 'ACTIVE' as const,
      skillCode: k % 2 ? '2221' : '5411',
      joinedOn: new Date('2026-01-02'),
    })),
  );
  // Keys name their agency: each agency's rows go to the instance that holds it (one for all in
  // the single store).
  const agencyOf = (key: string) => key.split('-')[0]!;
  for (const instance of graph.programsInstances) {
    const p = instance.subgraph.db.prisma;
    const held = (key: string) => instance.agencies.includes(agencyOf(key));
    const own = participations.filter((participation) => held(participation.id));
    // The instance registered its agencies at start; their program numbers go on from 10.
    await p.agency.updateMany({
      where: { code: { in: instance.agencies } },
      data: { lastProgramNumber: 10 },
    });
    await p.program.createMany({
      data: PROGRAMS.filter(({ id }) => held(id)).map(({ id, agencyCode }) => ({
        id,
        agencyCode,
        titleAr: id,
        titleEn: id,
        descriptionAr: id,
        descriptionEn: id,
        kind: 'PRACTICAL' as const,
        regionCode: 'SA-01',
        startDate: new Date('2026-01-01'),
        endDate: new Date('2026-12-31'),
        capacity: 1000,
        status: 'OPEN' as const,
      })),
    });
    await p.participation.createMany({ data: own });
    const logId = (participationId: string) =>
      `${agencyOf(participationId)}-${crypto.randomUUID()}`;
    await p.hourLog.createMany({
      data: own.flatMap(({ id }) => [
        {
          id: logId(id),
          participationId: id,
          date: new Date('2026-02-01'),
          hours: 2,
          activity: 'Drill',
          verified: true,
          verifiedBy: 'SCD-officer-01',
          verifiedAt: new Date('2026-02-02'),
        },
        {
          id: logId(id),
          participationId: id,
          date: new Date('2026-03-01'),
          hours: 1.5,
          activity: 'Drill',
          verified: false,
        },
      ]),
    });
  }
}

const QUERY = /* GraphQL */ `
  query Region($region: ID!) {
    volunteers(filter: { regionCode: $region, skillCode: "2221", minWeeklyHours: 1 }, first: 100) {
      totalCount
      edges {
        node {
          id
          fullName
          skills {
            code
            name {
              en
            }
          }
          verifiedHours(period: "2026")
          verifiedHoursBySkill {
            skillCode
            hours
            skill {
              name {
                en
              }
            }
          }
          economicValue {
            sar
            tableVersion
          }
          participations {
            role
            verifiedHours
            skill {
              name {
                en
              }
            }
            program {
              id
              title {
                en
              }
              region {
                name {
                  en
                }
              }
              economicValue {
                sar
              }
              agency {
                code
                name {
                  en
                }
                period(period: "2026") {
                  verifiedHours
                  economicValue {
                    sar
                  }
                  scorecard {
                    entries {
                      status
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

beforeAll(async () => {
  // 100 volunteers × 10 participations with their programs, agencies and scorecards: an
  // estimated cost of about 86,000, far above the production budget on purpose.
  graph = await startGraph({ limits: { maxCost: 1_000_000 } });
  await load(graph);
});
afterAll(() => graph?.stop());

it('sends as many SQL statements for 1,000 returned rows as for 40, across the three subgraphs and every agency instance', async () => {
  const measure = async (region: string) => {
    let rows = 0;
    const statements = await graph.countStatements(async () => {
      const result = await graph.query(QUERY, { region });
      expect(result.errors).toBeUndefined();
      for (const { node } of result.data.volunteers.edges) rows += node.participations.length;
    });
    return { rows, statements };
  };
  // Each measured once before: instances compute programs run once a day and hash a
  // period's sketch members once (one statement more the first time, for any number of rows).
  await measure(SMALL.region);
  const small = await measure(SMALL.region);
  await measure(LARGE.region);
  const large = await measure(LARGE.region);
  console.info(
    `N+1 check: ${small.rows} rows → ${small.statements} statements; ${large.rows} rows → ${large.statements} statements`,
  );
  expect(small.rows).toBe(SMALL.volunteers * SMALL.participationsEach);
  expect(large.rows).toBe(LARGE.volunteers * LARGE.participationsEach);
  expect(large.statements).toBe(small.statements);
});

const TREND = /* GraphQL */ `
  query Trend($region: ID!, $to: String!) {
    regionTrend(regionCode: $region, from: "2026-01", to: $to) {
      period
      verifiedHours
      activeVolunteers
      retainedVolunteers
      beneficiaries
      hoursVerifiedAfterClose
      closedAgencies
      verifiedHoursBySkill {
        skillCode
        hours
      }
      economicValue {
        sar
        tableVersion
      }
      verificationBacklog {
        unverifiedLogs
        medianDaysToVerify
      }
    }
    nationalTrend(from: "2026-01", to: $to) {
      period
      activeVolunteers
      verifiedHours
      verificationBacklog {
        unverifiedHours
        oldestPendingDate
        verifiedLogs
        medianDaysToVerify
      }
      regions {
        verificationBacklog {
          medianDaysToVerify
        }
      }
    }
    agencyTrend(agencyCode: "SCD", from: "2026-01", to: $to) {
      verificationBacklog {
        unverifiedHours
        unverifiedLogs
        oldestPendingDate
        medianDaysToVerify
      }
    }
  }
`;

it('sends as many SQL statements for a trend over 1,000 rows as over 10, and for 12 periods as for 1', async () => {
  const measure = (region: string, to: string) =>
    graph.countStatements(async () => {
      const result = await graph.query(TREND, { region, to });
      expect(result.errors).toBeUndefined();
    });
  // Each measured once before: an instance hashes a period's members for its sketches once
  // and keeps them until they change (one statement more, for any number of rows, the first
  // time), so counts compare between warm runs.
  const warm = async (region: string, to: string) => {
    await measure(region, to);
    return measure(region, to);
  };
  const small = await warm(SMALL.region, '2026-12');
  const large = await warm(LARGE.region, '2026-12');
  const one = await warm(LARGE.region, '2026-01');
  console.info(`N+1 check, trends: ${small} / ${large} statements; one period: ${one}`);
  expect(large).toBe(small);
  expect(large).toBe(one);
});

const LEAGUE = /* GraphQL */ `
  query League($first: Int!) {
    programRanking(period: "2026", orderBy: VERIFIED_HOURS, first: $first) {
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
        verifiedHoursBySkill {
          skillCode
          hours
        }
        economicValue {
          sar
        }
      }
    }
  }
`;

it('sends as many SQL statements for a league table of 10 programs as of 1', async () => {
  const measure = (first: number) =>
    graph.countStatements(async () => {
      const result = await graph.query(LEAGUE, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data.programRanking).toHaveLength(first);
    });
  const one = await measure(1);
  const ten = await measure(10);
  console.info(`N+1 check, league table: 1 row → ${one} statements; 10 rows → ${ten}`);
  expect(ten).toBe(one);
});

const BREAKDOWNS = /* GraphQL */ `
  query Breakdowns($period: String!) {
    nationalPeriod(period: $period) {
      byAgencyAndSkill: breakdown(by: [AGENCY, SKILL]) {
        agencyCode
        skillCode
        activeVolunteers
        verifiedHours
        suppressed
      }
      byGenderAndAge: breakdown(by: [GENDER, AGE_BAND]) {
        gender
        ageBand
        activeVolunteers
      }
    }
    regionPeriods(period: $period) {
      regionCode
      breakdown(by: [KIND]) {
        kind
        activeVolunteers
      }
    }
    agencyPeriods(period: $period) {
      agencyCode
      breakdown(by: [SKILL]) {
        skillCode
        verifiedHours
      }
    }
    nationalTrend(from: "2026-01", to: $period) {
      period
      breakdown(by: [REGION]) {
        regionCode
        activeVolunteers
      }
    }
  }
`;

it('sends as many SQL statements for breakdowns over 1,100 counted rows as over none, for 13 regions and 4 agencies as for one, and for a trend of them', async () => {
  const measure = (period: string) => {
    let cells = 0;
    return graph
      .countStatements(async () => {
        const result = await graph.query(BREAKDOWNS, { period });
        expect(result.errors).toBeUndefined();
        cells = result.data.nationalPeriod.byAgencyAndSkill.length;
      })
      .then((statements) => ({ statements, cells }));
  };
  // January has no hour log; February has one verified log for each of the 1,100 participations.
  const none = await measure('2026-01');
  const many = await measure('2026-02');
  console.info(
    `N+1 check, breakdowns: ${none.cells} cells → ${none.statements} statements; ${many.cells} cells → ${many.statements}`,
  );
  expect(none.cells).toBe(0);
  // One cell per agency: its participations all exercise one skill (SCD and SRCA 5411, SEC
  // and HRSD 2221).
  expect(many.cells).toBe(4);
  expect(many.statements).toBe(none.statements);
});
