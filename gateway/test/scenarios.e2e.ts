import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture, programFigures } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

let graph: Graph;

// Mid-2026, so period figures do not depend on the day the suite runs.
const TODAY = '2026-06-30';

beforeAll(async () => {
  graph = await startGraph({ now: () => new Date(`${TODAY}T12:00:00Z`) });
  await loadFixture(graph);
});
afterAll(() => graph?.stop());

// Independent re-computation of the figures from the fixture, in plain JavaScript.
const verifiedLogs = fixture.hourLogs
  .filter((log) => log.verified)
  .map((log) => ({ ...log, of: fixture.participations[log.participation - 1]! }));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const verifiedHoursOf = (predicate: (p: (typeof fixture.participations)[number]) => boolean) =>
  sum(verifiedLogs.filter((log) => predicate(log.of)).map((log) => log.hours));

describe('scenario 2: volunteers in a region with a skill, at least one hour a week', () => {
  const QUERY = /* GraphQL */ `
    query Deployable($region: ID!, $skill: ID!) {
      volunteers(filter: { regionCode: $region, skillCode: $skill, minWeeklyHours: 1 }, first: 50) {
        totalCount
        edges {
          node {
            id
            fullName
            weeklyAvailabilityHours
            verifiedHours
            participations {
              program {
                id
                title {
                  en
                }
                agency {
                  code
                  name {
                    en
                  }
                }
              }
              role
              verifiedHours
            }
          }
        }
      }
    }
  `;

  it('answers across both subgraphs in one request', async () => {
    const result = await graph.query(QUERY, { region: 'SA-01', skill: '2221' });
    expect(result.errors).toBeUndefined();

    const expected = fixture.volunteers
      .filter((v) => v.regionCode === 'SA-01' && v.skills.includes('2221') && v.hours >= 1)
      .map((v) => ({
        id: v.id,
        fullName: v.fullName,
        weeklyAvailabilityHours: v.hours,
        verifiedHours: verifiedHoursOf((p) => p.volunteerId === v.id),
        participations: fixture.participations
          .filter((p) => p.volunteerId === v.id)
          .map((p) => {
            const program = fixture.programs.find((pr) => pr.id === p.programId)!;
            const agency = fixture.agencies.find((a) => a.code === program.agencyCode)!;
            return {
              program: {
                id: program.id,
                title: { en: program.en },
                agency: { code: agency.code, name: { en: agency.nameEn } },
              },
              role: p.role,
              verifiedHours: verifiedHoursOf((q) => q.id === p.id),
            };
          }),
      }));
    const nodes = result.data.volunteers.edges.map((edge: { node: unknown }) => edge.node);
    expect(result.data.volunteers.totalCount).toBe(expected.length);
    expect(expected.map((v) => v.id)).toEqual(['V-0000001', 'V-0000005']);
    const byProgram = (a: { program: { id: string } }, b: { program: { id: string } }) =>
      a.program.id.localeCompare(b.program.id);
    for (const node of nodes) node.participations.sort(byProgram);
    for (const v of expected) v.participations.sort(byProgram);
    expect(nodes).toEqual(expected);
  });
});

describe('scenario 3: one Civil Defense program', () => {
  const QUERY = /* GraphQL */ `
    query CivilDefenseProgram($id: ID!) {
      program(id: $id) {
        id
        agency {
          code
          name {
            en
          }
        }
        teamLeads {
          volunteer {
            id
            fullName
          }
          verifiedHours
        }
        participations(first: 100) {
          totalCount
          edges {
            node {
              role
              status
              volunteer {
                id
                fullName
              }
              verifiedHours
            }
          }
        }
        verifiedHours
        verifiedHoursBySkill {
          skillCode
          hours
          skill {
            code
            name {
              en
            }
          }
        }
      }
    }
  `;

  it('lists team leads, volunteers, hours and hours by skill', async () => {
    const result = await graph.query(QUERY, { id: 'SCD-00001' });
    expect(result.errors).toBeUndefined();
    const program = result.data.program;
    const inProgram = fixture.participations.filter((p) => p.programId === 'SCD-00001');
    const name = (id: string) => fixture.volunteers.find((v) => v.id === id)!.fullName;

    expect(program.agency).toEqual({ code: 'SCD', name: { en: 'Civil Defense' } });
    expect(program.teamLeads).toEqual(
      inProgram
        .filter((p) => p.role === 'TEAM_LEAD' && p.status !== 'APPLIED')
        .map((p) => ({
          volunteer: { id: p.volunteerId, fullName: name(p.volunteerId) },
          verifiedHours: verifiedHoursOf((q) => q.id === p.id),
        })),
    );
    expect(program.participations.totalCount).toBe(inProgram.length);
    expect(program.participations.edges.map((e: { node: unknown }) => e.node)).toEqual(
      inProgram.map((p) => ({
        role: p.role,
        status: p.status,
        volunteer: { id: p.volunteerId, fullName: name(p.volunteerId) },
        verifiedHours: verifiedHoursOf((q) => q.id === p.id),
      })),
    );
    expect(program.verifiedHours).toBe(verifiedHoursOf((p) => p.programId === 'SCD-00001'));
    const skills = [...new Set(inProgram.map((p) => p.skillCode))].sort();
    const bySkill = skills
      .map((code) => ({
        skillCode: code,
        hours: verifiedHoursOf((p) => p.programId === 'SCD-00001' && p.skillCode === code),
      }))
      .filter((row) => row.hours > 0);
    expect(
      program.verifiedHoursBySkill.map(
        ({ skillCode, hours }: { skillCode: string; hours: number }) => ({ skillCode, hours }),
      ),
    ).toEqual(bySkill);
    expect(
      program.verifiedHoursBySkill.map(
        (row: { skill: { name: { en: string } } }) => row.skill.name.en,
      ),
    ).toEqual(['Ambulance workers', 'Fire-fighters']);
  });
});

describe('agency and region periods', () => {
  it("computes each agency's 2026 figures in SQL", async () => {
    const result = await graph.query(/* GraphQL */ `
      {
        agencies {
          code
          period(period: "2026") {
            activeVolunteers
            verifiedHours
            beneficiaries
            programsRun
          }
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    const in2026 = verifiedLogs.filter((log) => log.date.startsWith('2026'));
    const expected = fixture.agencies
      .map((agency) => {
        const logs = in2026.filter(
          (log) =>
            fixture.programs.find((p) => p.id === log.of.programId)!.agencyCode === agency.code,
        );
        return {
          code: agency.code,
          period: {
            activeVolunteers: new Set(logs.map((log) => log.of.volunteerId)).size,
            verifiedHours: sum(logs.map((log) => log.hours)),
            ...programFigures(
              (p) => p.agencyCode === agency.code,
              '2026-01-01',
              '2026-12-31',
              TODAY,
            ),
          },
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(result.data.agencies).toEqual(expected);
  });

  it('refuses a malformed period with BAD_USER_INPUT', async () => {
    const result = await graph.query(`{ agencyPeriods(period: "2026-13") { agencyCode } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
