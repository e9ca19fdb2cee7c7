import { beforeAll, describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import type {
  ParticipationRole,
  ParticipationStatus,
  Program,
} from '../src/__generated__/prisma/client.ts';
import { aParticipation, aProgram, anAgency, succeed, type ProgramSpec } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph();

type ProgramFixture = Pick<
  ProgramSpec,
  'id' | 'agencyCode' | 'regionCode' | 'status' | 'kind' | 'startDate' | 'endDate'
>;

const PROGRAMS: ProgramFixture[] = [
  {
    id: 'SCD-00001',
    agencyCode: 'SCD',
    regionCode: 'SA-01',
    status: 'OPEN',
    kind: 'PRACTICAL',
    startDate: '2026-01-01',
    endDate: '2026-06-30',
  },
  {
    id: 'SCD-00002',
    agencyCode: 'SCD',
    regionCode: 'SA-02',
    status: 'CLOSED',
    kind: 'PHYSICAL',
    startDate: '2026-03-01',
    endDate: '2026-03-31',
  },
  {
    id: 'SCD-00003',
    agencyCode: 'SCD',
    regionCode: 'SA-01',
    status: 'DRAFT',
    kind: 'ADVISORY',
    startDate: '2026-07-01',
    endDate: '2026-12-31',
  },
  {
    id: 'SCD-00004',
    agencyCode: 'SCD',
    regionCode: 'SA-01',
    status: 'OPEN',
    kind: 'PRACTICAL',
    startDate: '2026-05-01',
    endDate: '2026-05-31',
  },
  {
    id: 'SEC-00001',
    agencyCode: 'SEC',
    regionCode: 'SA-01',
    status: 'OPEN',
    kind: 'PHYSICAL',
    startDate: '2026-06-15',
    endDate: '2026-06-15',
  },
  {
    id: 'SEC-00002',
    agencyCode: 'SEC',
    regionCode: 'SA-04',
    status: 'COMPLETED',
    kind: 'PRACTICAL',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
  },
  {
    id: 'SRCA-00001',
    agencyCode: 'SRCA',
    regionCode: 'SA-04',
    status: 'OPEN',
    kind: 'PRACTICAL',
    startDate: '2026-02-01',
    endDate: '2026-08-31',
  },
  {
    id: 'SRCA-00002',
    agencyCode: 'SRCA',
    regionCode: 'SA-14',
    status: 'CLOSED',
    kind: 'FINANCIAL',
    startDate: '2026-04-01',
    endDate: '2026-06-30',
  },
];

interface ProgramFilter {
  agencyCode?: string;
  regionCode?: string;
  status?: string;
  kind?: string;
  activeOn?: string;
}

const matches = (filter: ProgramFilter) => (program: ProgramFixture) =>
  (filter.agencyCode === undefined || program.agencyCode === filter.agencyCode) &&
  (filter.regionCode === undefined || program.regionCode === filter.regionCode) &&
  (filter.status === undefined || program.status === filter.status) &&
  (filter.kind === undefined || program.kind === filter.kind) &&
  (filter.activeOn === undefined ||
    (program.startDate <= filter.activeOn && filter.activeOn <= program.endDate));

const idsMatching = (filter: ProgramFilter) =>
  PROGRAMS.filter(matches(filter))
    .map(({ id }) => id)
    .sort();

const PROGRAMS_QUERY = /* GraphQL */ `
  query Programs($filter: ProgramFilter, $first: Int, $after: String) {
    programs(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`;

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Follows `endCursor` from the first page to the last and returns every page read. */
async function allPages(read: (after: string | null) => Promise<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page = await read(after);
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null && pages.length < 20);
  return pages;
}

const programsPage = (variables: Record<string, unknown>) =>
  succeed<Page>(subgraph, PROGRAMS_QUERY, variables);

beforeAll(async () => {
  for (const code of ['SCD', 'SEC', 'SRCA']) await anAgency(subgraph, code);
  for (const program of PROGRAMS) await aProgram(subgraph, program);
});

describe('programs', () => {
  it.each<[string, ProgramFilter]>([
    ['no filter', {}],
    ['an agency', { agencyCode: 'SCD' }],
    ['a region', { regionCode: 'SA-04' }],
    ['a status', { status: 'OPEN' }],
    ['a kind', { kind: 'PRACTICAL' }],
    ['a date inside several programs', { activeOn: '2026-05-10' }],
    ['the first day of programs', { activeOn: '2026-03-01' }],
    ['the last day of programs', { activeOn: '2026-06-30' }],
    ['the day of a one-day program', { activeOn: '2026-06-15' }],
    [
      'every filter at once',
      {
        agencyCode: 'SCD',
        regionCode: 'SA-01',
        status: 'OPEN',
        kind: 'PRACTICAL',
        activeOn: '2026-05-31',
      },
    ],
    ['an agency without programs', { agencyCode: 'HRSD' }],
  ])('finds the programs matching %s, by id', async (_, filter) => {
    const page = await programsPage({ filter });

    const expected = idsMatching(filter);
    expect(page.edges.map(({ node }) => node.id)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: expected.length ? page.edges.at(-1)!.cursor : null,
    });
  });

  it.each<[number, ProgramFilter]>([
    [1, {}],
    [3, {}],
    [2, { status: 'OPEN' }],
    [1, { regionCode: 'SA-01', activeOn: '2026-05-15' }],
  ])('pages %d at a time through %j without gaps or repeats', async (first, filter) => {
    const pages = await allPages((after) => programsPage({ filter, first, after }));

    const expected = idsMatching(filter);
    expect(pages.flatMap((page) => page.edges.map(({ node }) => node.id))).toEqual(expected);
    expect(pages.map((page) => page.edges.length)).toEqual(
      pages.map((_, i) => Math.min(first, expected.length - i * first)),
    );
    expect(pages.map((page) => page.totalCount)).toEqual(pages.map(() => expected.length));
  });

  it('answers a page of none with whether there is more', async () => {
    const page = await programsPage({ first: 0 });

    expect(page).toEqual({
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
      totalCount: PROGRAMS.length,
    });
  });

  it.each([
    [{ first: 101 }, 'first'],
    [{ first: -1 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
  ])('refuses %j as BAD_USER_INPUT on %s', async (variables, field) => {
    expectGraphQLError(await subgraph.run(PROGRAMS_QUERY, variables), 'BAD_USER_INPUT', field);
  });
});

const PARTICIPATIONS_QUERY = /* GraphQL */ `
  query Participations(
    $id: ID!
    $role: ParticipationRole
    $status: ParticipationStatus
    $first: Int
    $after: String
  ) {
    program(id: $id) {
      participations(role: $role, status: $status, first: $first, after: $after) {
        edges {
          cursor
          node {
            id
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totalCount
      }
    }
  }
`;

/** The participations of one program, in the order the volunteers applied. */
const APPLICATIONS: [ParticipationRole, ParticipationStatus][] = [
  ['MEMBER', 'ACTIVE'],
  ['TEAM_LEAD', 'ACCEPTED'],
  ['MEMBER', 'APPLIED'],
  ['TEAM_LEAD', 'WITHDRAWN'],
  ['MEMBER', 'ACTIVE'],
  ['TEAM_LEAD', 'COMPLETED'],
  ['MEMBER', 'WITHDRAWN'],
  ['TEAM_LEAD', 'APPLIED'],
  ['MEMBER', 'ACTIVE'],
  ['TEAM_LEAD', 'ACTIVE'],
];

/**
 * An id whose order is the reverse of the application order, so an answer sorted by id
 * instead of by application shows.
 */
const idOfApplication = (i: number) =>
  `SRCA-00000000-0000-4000-8000-${String(APPLICATIONS.length - i).padStart(12, '0')}`;

describe("a program's participations", () => {
  let program: Program;
  let other: Program;
  const applied = (i: number) => new Date(Date.UTC(2026, 0, 10, 8, i));

  beforeAll(async () => {
    program = await aProgram(subgraph, { agencyCode: 'SRCA', capacity: 20 });
    other = await aProgram(subgraph, { agencyCode: 'SRCA', capacity: 20 });
    for (const [i, [role, status]] of APPLICATIONS.entries()) {
      await aParticipation(subgraph, program, {
        id: idOfApplication(i),
        role,
        status,
        appliedAt: applied(i),
      });
      await aParticipation(subgraph, other, { role, status, appliedAt: applied(i) });
    }
  });

  const idsWhere = (role?: ParticipationRole, status?: ParticipationStatus) =>
    APPLICATIONS.flatMap(([r, s], i) =>
      (role === undefined || r === role) && (status === undefined || s === status)
        ? [idOfApplication(i)]
        : [],
    );

  const participationsPage = (variables: Record<string, unknown>) =>
    succeed<{ participations: Page }>(subgraph, PARTICIPATIONS_QUERY, {
      id: program.id,
      ...variables,
    }).then(({ participations }) => participations);

  it.each<[ParticipationRole | undefined, ParticipationStatus | undefined]>([
    [undefined, undefined],
    ['TEAM_LEAD', undefined],
    ['MEMBER', undefined],
    [undefined, 'ACTIVE'],
    [undefined, 'WITHDRAWN'],
    ['MEMBER', 'ACTIVE'],
    ['TEAM_LEAD', 'APPLIED'],
    ['MEMBER', 'COMPLETED'],
  ])('lists role %s with status %s in application order', async (role, status) => {
    const page = await participationsPage({ role, status });

    const expected = idsWhere(role, status);
    expect(page.edges.map(({ node }) => node.id)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it.each<[number, ParticipationRole | undefined, ParticipationStatus | undefined]>([
    [3, undefined, undefined],
    [1, 'TEAM_LEAD', undefined],
    [2, undefined, 'ACTIVE'],
  ])('pages %d at a time through role %s, status %s', async (first, role, status) => {
    const pages = await allPages((after) => participationsPage({ role, status, first, after }));

    const expected = idsWhere(role, status);
    expect(pages.flatMap((page) => page.edges.map(({ node }) => node.id))).toEqual(expected);
    expect(pages.map((page) => page.edges.length)).toEqual(
      pages.map((_, i) => Math.min(first, expected.length - i * first)),
    );
    expect(pages.map((page) => page.totalCount)).toEqual(pages.map(() => expected.length));
  });

  it('gives each program of a list its own first page', async () => {
    const result = await succeed<{ edges: { node: { id: string; participations: Page } }[] }>(
      subgraph,
      /* GraphQL */ `
        query FirstParticipants($filter: ProgramFilter) {
          programs(filter: $filter) {
            edges {
              node {
                id
                participations(first: 2) {
                  edges {
                    node {
                      id
                    }
                  }
                  totalCount
                }
              }
            }
          }
        }
      `,
      { filter: { agencyCode: 'SRCA' } },
    );

    const pages = new Map(result.edges.map(({ node }) => [node.id, node.participations]));
    const otherIds = (
      await subgraph.db.prisma.participation.findMany({
        where: { programId: other.id },
        orderBy: { appliedAt: 'asc' },
      })
    ).map(({ id }) => id);
    expect(pages.get(program.id)).toEqual({
      edges: idsWhere()
        .slice(0, 2)
        .map((id) => ({ node: { id } })),
      totalCount: APPLICATIONS.length,
    });
    expect(pages.get(other.id)).toEqual({
      edges: otherIds.slice(0, 2).map((id) => ({ node: { id } })),
      totalCount: APPLICATIONS.length,
    });
    expect(pages.get('SRCA-00001')).toEqual({ edges: [], totalCount: 0 });
  });

  it.each([
    [{ first: 101 }, 'first'],
    [{ after: 'bm9wZQ' }, 'after'],
    [{ after: Buffer.from('k:SCD-00001').toString('base64url') }, 'after'],
  ])('refuses %j as BAD_USER_INPUT on %s', async (variables, field) => {
    const result = await subgraph.run(PARTICIPATIONS_QUERY, { id: program.id, ...variables });

    expectGraphQLError(result, 'BAD_USER_INPUT', field);
  });

  it('names as team leads the accepted, active and completed ones, in application order', async () => {
    const result = await succeed<{ teamLeads: { id: string; role: string; status: string }[] }>(
      subgraph,
      /* GraphQL */ `
        query TeamLeads($id: ID!) {
          program(id: $id) {
            teamLeads {
              id
              role
              status
            }
          }
        }
      `,
      { id: program.id },
    );

    const leading = ['ACCEPTED', 'ACTIVE', 'COMPLETED'];
    expect(result.teamLeads).toEqual(
      APPLICATIONS.flatMap(([role, status], i) =>
        role === 'TEAM_LEAD' && leading.includes(status)
          ? [{ id: idOfApplication(i), role, status }]
          : [],
      ),
    );
  });
});
