import { beforeAll, describe, expect, it } from 'vitest';
import type { Participation, Program } from '../src/__generated__/prisma/client.ts';
import { aParticipation, aProgram, anHourLog, aVolunteerId } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

// The Red Crescent's and the ministry's shared instance, with another agency's rows beside theirs.
const subgraph = useProgramsSubgraph({ agencies: ['HRSD', 'SRCA'] });

const QUERY = /* GraphQL */ `
  query Batch($representations: [_Any!]!, $period: String!) {
    _entities(representations: $representations) {
      ... on Participation {
        id
        role
        verifiedHours
        program {
          id
          agency {
            code
          }
          verifiedHours
        }
        hourLogs {
          hours
        }
      }
      ... on Volunteer {
        agencyCodes
        # Aliased: nullable at the subgraph boundary, unlike Participation.verifiedHours.
        volunteerHours: verifiedHours(period: $period)
        verifiedHoursBySkill(period: $period) {
          skillCode
          hours
        }
        participations {
          id
        }
      }
      ... on RegionPeriod {
        activeVolunteers
        retainedVolunteers
        coverage {
          included
        }
        activeVolunteersSketch
        previousActiveVolunteersSketch
        activeTeamLeadsSketch
      }
    }
    nationalPeriod(period: $period) {
      activeVolunteers
      activeVolunteersSketch
      agencies {
        agencyCode
        activeVolunteers
        verifiedHoursBySkill {
          hours
        }
      }
    }
  }
`;

const participations: Participation[] = [];

beforeAll(async () => {
  const programs: Program[] = [];
  for (const agencyCode of ['HRSD', 'SRCA', 'SCD']) {
    for (const regionCode of ['SA-01', 'SA-02', 'SA-04']) {
      programs.push(await aProgram(subgraph, { agencyCode, regionCode }));
    }
  }
  for (let i = 0; i < 60; i++) {
    const participation = await aParticipation(subgraph, programs[i % programs.length]!, {
      volunteerId: aVolunteerId(),
      status: 'ACTIVE',
      role: i % 7 === 0 ? 'TEAM_LEAD' : 'MEMBER',
    });
    await anHourLog(subgraph, participation, { date: '2026-02-10', verified: true });
    await anHourLog(subgraph, participation, { date: '2025-11-03', verified: true });
    participations.push(participation);
  }
});

/** Statements for one request asking about `n` participations, their volunteers and regions. */
async function statementsFor(n: number): Promise<number> {
  const chosen = participations.slice(0, n);
  const representations = [
    ...chosen.map(({ id }) => ({ __typename: 'Participation', id })),
    ...chosen.map(({ volunteerId }) => ({ __typename: 'Volunteer', id: volunteerId })),
    ...['SA-01', 'SA-02', 'SA-04', 'SA-05'].map((regionCode) => ({
      __typename: 'RegionPeriod',
      regionCode,
      period: '2026-Q1',
    })),
  ];
  // The pool's running total: nothing else uses this database meanwhile, and a statement that
  // waited for a free connection counts too (the per-request count can lose those).
  const before = subgraph.db.statements.total;
  const result = await subgraph.run(QUERY, { representations, period: '2026-Q1' });
  const statements = subgraph.db.statements.total - before;
  expect(result.errors).toBeUndefined();
  // Only the held agencies' participations resolve: SCD's read as unknown.
  const found = (result.data!._entities as ({ id?: string } | null)[]).slice(0, n);
  expect(found.filter((entity) => entity === null).length).toBe(
    chosen.filter(({ id }) => id.startsWith('SCD-')).length,
  );
  return statements;
}

describe('one instance answering a batch', () => {
  it('sends as many SQL statements for 50 participations as for 5, sketches included', async () => {
    // Once before: programs run and beneficiaries are computed once a day and kept until a
    // program changes (one statement more the first time, for any number of rows).
    await statementsFor(5);
    const few = await statementsFor(5);
    const many = await statementsFor(50);
    expect(many).toBe(few);
    // Each loader is one statement: participations, programs, agencies, hours of each kind,
    // hour logs, figures, hours by skill, sketches (regions and nation), agency lists. This
    // store also holds SCD's programs, which the instance does not: figures, hours by skill
    // and both sketches first ask the rollups, which say so, then the held agencies' month
    // rows (four statements more, for any number of rows).
    expect(few).toBe(21);
  });
});
