import { beforeAll, describe, expect, it } from 'vitest';
import { callers } from '@sahem/kit/testing';
import type { Caller } from '@sahem/kit';
import type { Participation } from '../src/__generated__/prisma/client.ts';
import { aParticipation, aProgram } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

// Defect 8 of issue 11: an analyst asking for a program's participants got totalCount 0 and an
// empty list with no error, which reads exactly like a program nobody joined.
const subgraph = useProgramsSubgraph();

const PARTICIPANTS = /* GraphQL */ `
  query Participants($id: ID!) {
    program(id: $id) {
      id
      beneficiariesServed
      participations(first: 10) {
        totalCount
        edges {
          node {
            id
          }
        }
      }
      teamLeads {
        id
      }
    }
  }
`;

const LEAD = 'V-0000801';
const MEMBER = 'V-0000802';
let lead: Participation;
let member: Participation;

beforeAll(async () => {
  const program = await aProgram(subgraph, {
    id: 'SCD-00801',
    agencyCode: 'SCD',
    beneficiariesServed: 12,
  });
  lead = await aParticipation(subgraph, program, {
    volunteerId: LEAD,
    role: 'TEAM_LEAD',
    status: 'ACTIVE',
  });
  member = await aParticipation(subgraph, program, { volunteerId: MEMBER, status: 'ACTIVE' });
});

const run = (caller: Caller) => subgraph.run(PARTICIPANTS, { id: 'SCD-00801' }, caller);

describe("a program's participants", () => {
  it.each<[string, Caller]>([
    ['an analyst, who reads aggregates only', callers.analyst],
    ["another agency's officer", callers.officer('SEC')],
  ])(
    'are FORBIDDEN to %s, at their own paths; the rest of the program answers',
    async (_, caller) => {
      const result = await run(caller);

      const refusals = result.errors?.map((error) => [error.extensions?.code, error.path]);
      expect(refusals?.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
        ['FORBIDDEN', ['program', 'participations']],
        ['FORBIDDEN', ['program', 'teamLeads']],
      ]);
      expect(result.data).toEqual({
        program: {
          id: 'SCD-00801',
          beneficiariesServed: 12,
          participations: null,
          teamLeads: null,
        },
      });
    },
  );

  it.each<[string, Caller, string[], string[]]>([
    ['the agency staff', callers.officer('SCD'), ['lead', 'member'], ['lead']],
    ['a platform admin', callers.admin, ['lead', 'member'], ['lead']],
    ['a volunteer taking part, who sees their own only', callers.volunteer(MEMBER), ['member'], []],
    ['a volunteer not taking part, who has none to see', callers.volunteer('V-0000899'), [], []],
  ])('are listed for %s', async (_, caller, listed, leads) => {
    const ids = { lead: lead.id, member: member.id } as Record<string, string>;

    const result = await run(caller);

    expect(result.errors).toBeUndefined();
    expect(result.data!.program).toEqual({
      id: 'SCD-00801',
      beneficiariesServed: 12,
      participations: {
        totalCount: listed.length,
        edges: listed.map((name) => ({ node: { id: ids[name] } })),
      },
      teamLeads: leads.map((name) => ({ id: ids[name] })),
    });
  });
});
