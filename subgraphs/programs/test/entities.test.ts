import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '@sahem/kit';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { Participation, Program } from '../src/__generated__/prisma/client.ts';
import {
  aParticipation,
  aProgram,
  anAgency,
  anHourLog,
  aVolunteerId,
  iso,
  programView,
  succeed,
} from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph();

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Agency {
        code
        name {
          ar
          en
        }
        sector
      }
      ... on Program {
        id
        agency {
          code
        }
        title {
          ar
          en
        }
        description {
          ar
          en
        }
        kind
        region {
          code
        }
        startDate
        endDate
        capacity
        requiredSkills {
          code
        }
        status
        beneficiariesServed
      }
      ... on Participation {
        id
        volunteer {
          id
        }
        program {
          id
        }
        role
        participationStatus: status
        skill {
          code
        }
        joinedOn
      }
      ... on Volunteer {
        id
        participations {
          id
          status
        }
        # Aliased: nullable at the subgraph boundary, unlike the other types' verifiedHours.
        hours: verifiedHours
      }
      ... on AgencyPeriod {
        agencyCode
        period
        agency {
          code
        }
        verifiedHours
        programsRun
      }
      ... on ProgramPeriod {
        programId
        period
        program {
          id
        }
        verifiedHours
        activeVolunteers
        activeTeamLeads
      }
      ... on RegionPeriod {
        regionCode
        period
        region {
          code
        }
        verifiedHours
        programsRun
      }
      ... on Region {
        code
        name {
          ar
          en
        }
      }
    }
  }
`;

async function entities(representations: object[]) {
  const result = await subgraph.run(ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities as unknown[];
}

let agencyCode: string;
let program: Program;
let joined: Participation;
let applied: Participation;
const volunteerId = aVolunteerId();

beforeAll(async () => {
  agencyCode = await anAgency(subgraph, 'SCD');
  program = await aProgram(subgraph, {
    agencyCode,
    regionCode: 'SA-03',
    requiredSkills: ['2221'],
    startDate: '2026-02-01',
  });
  const second = await aProgram(subgraph, { agencyCode, regionCode: 'SA-03' });
  joined = await aParticipation(subgraph, program, {
    volunteerId,
    status: 'ACTIVE',
    role: 'TEAM_LEAD',
    appliedAt: new Date('2026-01-20T09:00:00Z'),
  });
  applied = await aParticipation(subgraph, second, {
    volunteerId,
    appliedAt: new Date('2026-05-02T09:00:00Z'),
  });
  await anHourLog(subgraph, joined, { date: '2026-03-03', hours: 4.5, verified: true });
  await anHourLog(subgraph, joined, { date: '2026-03-04', hours: 2, verified: false });
});

const agencyEntity = () => ({
  __typename: 'Agency',
  code: agencyCode,
  name: { ar: `جهة ${agencyCode}`, en: `Agency ${agencyCode}` },
  sector: 'Public safety',
});

const participationEntity = (participation: Participation) => ({
  __typename: 'Participation',
  id: participation.id,
  volunteer: { id: participation.volunteerId },
  program: { id: participation.programId },
  role: participation.role,
  participationStatus: participation.status,
  skill: { code: participation.skillCode },
  joinedOn: participation.joinedOn && iso(participation.joinedOn),
});

describe('resolving entities for the gateway', () => {
  it('resolves an Agency by code', async () => {
    expect(await entities([{ __typename: 'Agency', code: agencyCode }])).toEqual([agencyEntity()]);
  });

  it('resolves a Program by id', async () => {
    expect(await entities([{ __typename: 'Program', id: program.id }])).toEqual([
      { __typename: 'Program', ...programView(program) },
    ]);
  });

  it('resolves a Participation by id', async () => {
    expect(await entities([{ __typename: 'Participation', id: joined.id }])).toEqual([
      participationEntity(joined),
    ]);
  });

  it('resolves a Volunteer with its participations, most recent application first', async () => {
    expect(await entities([{ __typename: 'Volunteer', id: volunteerId }])).toEqual([
      {
        __typename: 'Volunteer',
        id: volunteerId,
        participations: [
          { id: applied.id, status: 'APPLIED' },
          { id: joined.id, status: 'ACTIVE' },
        ],
        hours: 4.5,
      },
    ]);
  });

  it('resolves any volunteer id, with no participations', async () => {
    expect(await entities([{ __typename: 'Volunteer', id: 'V-0999999' }])).toEqual([
      { __typename: 'Volunteer', id: 'V-0999999', participations: [], hours: 0 },
    ]);
  });

  it('filters a volunteer’s participations by status', async () => {
    const result = await succeed<{ participations: { id: string }[] }[]>(
      subgraph,
      /* GraphQL */ `
        query ByStatus($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Volunteer {
              participations(status: ACTIVE) {
                id
              }
            }
          }
        }
      `,
      { representations: [{ __typename: 'Volunteer', id: volunteerId }] },
    );

    expect(result).toEqual([{ participations: [{ id: joined.id }] }]);
  });

  it('resolves an AgencyPeriod by agency code and period', async () => {
    expect(await entities([{ __typename: 'AgencyPeriod', agencyCode, period: '2026-Q1' }])).toEqual(
      [
        {
          __typename: 'AgencyPeriod',
          agencyCode,
          period: '2026-Q1',
          agency: { code: agencyCode },
          verifiedHours: 4.5,
          programsRun: 2,
        },
      ],
    );
  });

  it("resolves a ProgramPeriod by program id and period, another agency's as null", async () => {
    expect(
      await entities([
        { __typename: 'ProgramPeriod', programId: program.id, period: '2026-03' },
        { __typename: 'ProgramPeriod', programId: 'ZZZ-00001', period: '2026-03' },
      ]),
    ).toEqual([
      {
        __typename: 'ProgramPeriod',
        programId: program.id,
        period: '2026-03',
        program: { id: program.id },
        verifiedHours: 4.5,
        activeVolunteers: 1,
        activeTeamLeads: 1,
      },
      null,
    ]);
  });

  it('resolves a RegionPeriod by region code and period', async () => {
    expect(
      await entities([{ __typename: 'RegionPeriod', regionCode: 'SA-03', period: '2026-03' }]),
    ).toEqual([
      {
        __typename: 'RegionPeriod',
        regionCode: 'SA-03',
        period: '2026-03',
        region: { code: 'SA-03' },
        verifiedHours: 4.5,
        programsRun: 2,
      },
    ]);
  });

  it.each([...REGIONS.keys()])('resolves the Region %s with its names', async (code) => {
    expect(await entities([{ __typename: 'Region', code }])).toEqual([
      { __typename: 'Region', code, name: REGIONS.get(code) },
    ]);
  });

  it.each([
    ['Agency', { __typename: 'Agency', code: 'NOPE' }],
    ['Program', { __typename: 'Program', id: 'SCD-99999' }],
    ['Participation', { __typename: 'Participation', id: randomUUID() }],
    ['Participation with a garbage id', { __typename: 'Participation', id: 'P-1' }],
    ['AgencyPeriod', { __typename: 'AgencyPeriod', agencyCode: 'NOPE', period: '2026' }],
    ['RegionPeriod', { __typename: 'RegionPeriod', regionCode: 'SA-13', period: '2026' }],
    ['Region', { __typename: 'Region', code: 'SA-13' }],
  ])('returns null for an unknown %s', async (_, representation) => {
    expect(await entities([representation])).toEqual([null]);
  });

  it.each([
    ['AgencyPeriod', { __typename: 'AgencyPeriod', agencyCode: 'SCD', period: '2026-13' }],
    ['RegionPeriod', { __typename: 'RegionPeriod', regionCode: 'SA-01', period: '2026-Q5' }],
  ])('refuses a %s with a malformed period as BAD_USER_INPUT', async (_, representation) => {
    const result = await subgraph.run(ENTITIES, { representations: [representation] });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'period');
  });

  it('answers a mix of types and unknown keys in the order asked', async () => {
    const resolved = await entities([
      { __typename: 'Participation', id: applied.id },
      { __typename: 'Program', id: 'SCD-99999' },
      { __typename: 'Agency', code: agencyCode },
      { __typename: 'Participation', id: 'garbage' },
      { __typename: 'Participation', id: joined.id },
    ]);

    expect(resolved).toEqual([
      participationEntity(applied),
      null,
      agencyEntity(),
      null,
      participationEntity(joined),
    ]);
  });
});

describe('batching entity references', () => {
  const VOLUNTEERS_WITH_PROGRAMS = /* GraphQL */ `
    query Volunteers($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Volunteer {
          id
          participations {
            program {
              agency {
                code
              }
            }
          }
          verifiedHours(period: "2026")
        }
      }
    }
  `;

  const AGENCY_PERIODS = /* GraphQL */ `
    query AgencyPeriods($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on AgencyPeriod {
          agencyCode
          agency {
            code
          }
          activeVolunteers
          verifiedHours
          verifiedHoursBySkill {
            skillCode
            hours
          }
          beneficiaries
          programsRun
        }
      }
    }
  `;

  /** Forty agencies, each with a program and a volunteer who gave verified hours in it. */
  const fleet: { agencyCode: string; volunteerId: string; hours: number }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 40; i++) {
      const code = await anAgency(subgraph);
      const program = await aProgram(subgraph, { agencyCode: code, beneficiariesServed: i });
      const participation = await aParticipation(subgraph, program, { status: 'ACTIVE' });
      const hours = 1 + (i % 8) * 0.25;
      await anHourLog(subgraph, participation, { date: '2026-04-01', hours, verified: true });
      fleet.push({ agencyCode: code, volunteerId: participation.volunteerId, hours });
    }
  });

  it('resolves 40 volunteers with their programs and hours in as many statements as one', async () => {
    const refs = fleet.map(({ volunteerId: id }) => ({ __typename: 'Volunteer', id }));

    const one = await subgraph.db.statements.track(() =>
      succeed(subgraph, VOLUNTEERS_WITH_PROGRAMS, { representations: refs.slice(0, 1) }),
    );
    const forty = await subgraph.db.statements.track(() =>
      succeed(subgraph, VOLUNTEERS_WITH_PROGRAMS, { representations: refs }),
    );

    expect(forty.result).toEqual(
      fleet.map(({ volunteerId: id, agencyCode: code, hours }) => ({
        id,
        participations: [{ program: { agency: { code } } }],
        verifiedHours: hours,
      })),
    );
    expect(one.statements).toBeGreaterThan(0);
    expect(forty.statements).toBe(one.statements);
  });

  it('resolves 40 agency periods in as many statements as one', async () => {
    const refs = fleet.map(({ agencyCode: code }) => ({
      __typename: 'AgencyPeriod',
      agencyCode: code,
      period: '2026-Q2',
    }));

    const one = await subgraph.db.statements.track(() =>
      succeed(subgraph, AGENCY_PERIODS, { representations: refs.slice(0, 1) }),
    );
    const forty = await subgraph.db.statements.track(() =>
      succeed(subgraph, AGENCY_PERIODS, { representations: refs }),
    );

    expect(forty.result).toEqual(
      fleet.map(({ agencyCode: code, hours }, i) => ({
        agencyCode: code,
        agency: { code },
        activeVolunteers: 1,
        verifiedHours: hours,
        verifiedHoursBySkill: [{ skillCode: '2221', hours }],
        // Each program has run 166 days by June 15, 76 of them in the second quarter.
        beneficiaries: Math.round((i * 76) / 166),
        programsRun: 1,
      })),
    );
    expect(one.statements).toBeGreaterThan(0);
    expect(forty.statements).toBe(one.statements);
  });
});
