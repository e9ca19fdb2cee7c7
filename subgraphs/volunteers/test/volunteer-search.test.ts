import { beforeAll, describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import type {
  VolunteerFilter,
  VolunteerGrouping,
  VolunteeringKind,
  VolunteerStatus,
} from '../src/__generated__/resolvers-types.ts';
import { aVolunteer, changeStatus, register } from './fixtures.ts';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph();

interface Profile {
  regionCode: string;
  kinds: VolunteeringKind[];
  skillCodes: string[];
  hours: number;
  status: VolunteerStatus;
}

/**
 * For each condition of {@link EVERY_FILTER} some volunteer fails that condition alone, so
 * dropping any of them from the query changes the result.
 */
const PROFILES: Profile[] = [
  {
    regionCode: 'SA-01',
    kinds: ['PRACTICAL', 'ADVISORY'],
    skillCodes: ['2221'],
    hours: 4.5,
    status: 'ACTIVE',
  },
  {
    regionCode: 'SA-01',
    kinds: ['PHYSICAL'],
    skillCodes: ['3258', '5411'],
    hours: 12,
    status: 'ACTIVE',
  },
  { regionCode: 'SA-01', kinds: ['FINANCIAL'], skillCodes: [], hours: 0, status: 'INACTIVE' },
  {
    regionCode: 'SA-02',
    kinds: ['PRACTICAL'],
    skillCodes: ['2221', '3258'],
    hours: 5,
    status: 'ACTIVE',
  },
  {
    regionCode: 'SA-02',
    kinds: ['INTELLECTUAL', 'ADVISORY'],
    skillCodes: ['2310'],
    hours: 1,
    status: 'SUSPENDED',
  },
  {
    regionCode: 'SA-04',
    kinds: ['PRACTICAL', 'PHYSICAL'],
    skillCodes: ['5411'],
    hours: 40,
    status: 'ACTIVE',
  },
  {
    regionCode: 'SA-04',
    kinds: ['ADVISORY'],
    skillCodes: ['2221'],
    hours: 168,
    status: 'INACTIVE',
  },
  {
    regionCode: 'SA-01',
    kinds: ['PRACTICAL'],
    skillCodes: ['2221'],
    hours: 5,
    status: 'SUSPENDED',
  },
  {
    regionCode: 'SA-01',
    kinds: ['PRACTICAL'],
    skillCodes: ['2221', '5411'],
    hours: 20,
    status: 'ACTIVE',
  },
  { regionCode: 'SA-01', kinds: ['PRACTICAL'], skillCodes: ['2221'], hours: 3, status: 'ACTIVE' },
  { regionCode: 'SA-01', kinds: ['PRACTICAL'], skillCodes: ['3258'], hours: 10, status: 'ACTIVE' },
  { regionCode: 'SA-01', kinds: ['ADVISORY'], skillCodes: ['2221'], hours: 10, status: 'ACTIVE' },
];

type Registered = Profile & { id: string };
let volunteers: Registered[] = [];

beforeAll(async () => {
  volunteers = [];
  for (const profile of PROFILES) {
    const { regionCode, kinds, skillCodes, hours } = profile;
    const { id } = await register(
      subgraph,
      aVolunteer({ regionCode, kinds, skillCodes, weeklyAvailabilityHours: hours }),
    );
    if (profile.status !== 'ACTIVE') await changeStatus(subgraph, id, profile.status);
    volunteers.push({ ...profile, id });
  }
});

/** What the filter means, written independently of the resolvers. */
function matches(volunteer: Profile, filter: VolunteerFilter): boolean {
  return (
    (filter.regionCode == null || volunteer.regionCode === filter.regionCode) &&
    (filter.skillCode == null || volunteer.skillCodes.includes(filter.skillCode)) &&
    (filter.kind == null || volunteer.kinds.includes(filter.kind)) &&
    (filter.status == null || volunteer.status === filter.status) &&
    (filter.minWeeklyHours == null || volunteer.hours >= filter.minWeeklyHours)
  );
}

const idsMatching = (filter: VolunteerFilter) =>
  volunteers.filter((volunteer) => matches(volunteer, filter)).map((volunteer) => volunteer.id);

const VOLUNTEERS = /* GraphQL */ `
  query Volunteers($filter: VolunteerFilter, $first: Int, $after: String) {
    volunteers(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`;

const COUNTS = /* GraphQL */ `
  query Counts($by: VolunteerGrouping!, $filter: VolunteerFilter) {
    volunteerCounts(by: $by, filter: $filter) {
      key
      count
    }
  }
`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

async function volunteersPage(variables: {
  filter?: VolunteerFilter;
  first?: number;
  after?: string | null;
}): Promise<Page> {
  const result = await subgraph.run(VOLUNTEERS, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.volunteers as Page;
}

const idsOf = (page: Page) => page.edges.map((edge) => edge.node.id);

/** Walks every page of `filter`, `first` at a time, from the first to the last. */
async function allPages(filter: VolunteerFilter, first: number): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page = await volunteersPage({ filter, first, after });
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return pages;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

const EVERY_FILTER: VolunteerFilter = {
  regionCode: 'SA-01',
  skillCode: '2221',
  kind: 'PRACTICAL',
  status: 'ACTIVE',
  minWeeklyHours: 4,
};

const FILTERS: [string, VolunteerFilter][] = [
  ['region SA-01', { regionCode: 'SA-01' }],
  ['skill 2221', { skillCode: '2221' }],
  ['kind ADVISORY', { kind: 'ADVISORY' }],
  ['status SUSPENDED', { status: 'SUSPENDED' }],
  ['status INACTIVE', { status: 'INACTIVE' }],
  ['at least 5 hours (inclusive)', { minWeeklyHours: 5 }],
  ['at least 4.5 hours (a fraction)', { minWeeklyHours: 4.5 }],
  ['every filter at once', EVERY_FILTER],
  ['skill and kind', { skillCode: '5411', kind: 'PHYSICAL' }],
];

describe('listing volunteers', () => {
  it('lists every volunteer, oldest registration first, when no filter is given', async () => {
    const page = await volunteersPage({ first: 100 });

    expect(idsOf(page)).toEqual(volunteers.map((volunteer) => volunteer.id));
    expect(page.totalCount).toBe(PROFILES.length);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: page.edges.at(-1)!.cursor });
  });

  it.each(FILTERS)('keeps only the volunteers matching %s', async (_, filter) => {
    const expected = idsMatching(filter);
    expect(expected.length, 'the fixture has volunteers on both sides').toBeGreaterThan(0);
    expect(expected.length, 'the fixture has volunteers on both sides').toBeLessThan(
      PROFILES.length,
    );

    const page = await volunteersPage({ filter, first: 100 });

    expect(idsOf(page)).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  it.each(Object.keys(EVERY_FILTER))(
    'finds more volunteers when the combined filter drops %s',
    async (dropped) => {
      const loosened: VolunteerFilter = { ...EVERY_FILTER, [dropped]: undefined };

      const page = await volunteersPage({ filter: loosened, first: 100 });

      expect(idsOf(page)).toEqual(idsMatching(loosened));
      expect(page.totalCount).toBeGreaterThan(idsMatching(EVERY_FILTER).length);
    },
  );

  it('returns an empty page when nobody matches', async () => {
    const page = await volunteersPage({ filter: { regionCode: 'SA-14' } });

    expect(page).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });
});

describe('paging through volunteers', () => {
  it.each<[string, number, VolunteerFilter]>([
    ['all volunteers', 5, {}],
    ['all volunteers', 1, {}],
    ['active volunteers', 3, { status: 'ACTIVE' }],
    ['volunteers with skill 2221', 2, { skillCode: '2221' }],
  ])('walks %s %d at a time, each volunteer once and in order', async (_, first, filter) => {
    const expected = idsMatching(filter);

    const pages = await allPages(filter, first);

    expect(pages.map(idsOf)).toEqual(chunks(expected, first));
    expect(pages.map((page) => page.totalCount)).toEqual(pages.map(() => expected.length));
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual(
      pages.map((_, index) => index < pages.length - 1),
    );
    for (const page of pages) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
  });

  it('continues right after the cursor of any edge', async () => {
    const all = await volunteersPage({ first: 100 });
    const third = all.edges[2]!;

    const page = await volunteersPage({ first: 4, after: third.cursor });

    expect(idsOf(page)).toEqual(volunteers.slice(3, 7).map((volunteer) => volunteer.id));
    expect(page.totalCount).toBe(PROFILES.length);
  });

  it('returns an empty last page after the cursor of the newest volunteer', async () => {
    const all = await volunteersPage({ first: 100 });

    const page = await volunteersPage({ after: all.pageInfo.endCursor });

    expect(page).toEqual({
      totalCount: PROFILES.length,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('accepts pages of 100', async () => {
    expect(idsOf(await volunteersPage({ first: 100 }))).toHaveLength(PROFILES.length);
  });

  it.each([101, -1])('refuses first: %d as BAD_USER_INPUT on first', async (first) => {
    const result = await subgraph.run(VOLUNTEERS, { first });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'first');
  });

  it.each(['not-a-cursor', 'V-0000001', ''])(
    'refuses the cursor %j as BAD_USER_INPUT on after',
    async (after) => {
      const result = await subgraph.run(VOLUNTEERS, { after });

      expectGraphQLError(result, 'BAD_USER_INPUT', 'after');
    },
  );
});

const BY_IDS = /* GraphQL */ `
  query ByIds($ids: [ID!], $filter: VolunteerFilter, $first: Int) {
    volunteers(ids: $ids, filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`;

describe('searching volunteers by id', () => {
  it('returns only the volunteers named, in id order, unknown ids left out', async () => {
    const named = [volunteers[5]!.id, volunteers[1]!.id, 'V-9999999', volunteers[8]!.id];

    const result = await subgraph.run(BY_IDS, { ids: named, first: 100 });

    expect(result.errors).toBeUndefined();
    expect(result.data!.volunteers).toEqual({
      totalCount: 3,
      edges: [volunteers[1]!, volunteers[5]!, volunteers[8]!].map(({ id }) => ({ node: { id } })),
    });
  });

  it('applies the filter to the volunteers named', async () => {
    const ids = volunteers.map((volunteer) => volunteer.id).slice(0, 6);
    const filter: VolunteerFilter = { status: 'ACTIVE' };

    const result = await subgraph.run(BY_IDS, { ids, filter, first: 100 });

    const expected = volunteers.slice(0, 6).filter((volunteer) => matches(volunteer, filter));
    expect(result.data!.volunteers).toMatchObject({
      totalCount: expected.length,
      edges: expected.map(({ id }) => ({ node: { id } })),
    });
  });

  it('returns nobody for an empty list of ids', async () => {
    const result = await subgraph.run(BY_IDS, { ids: [] });

    expect(result.data!.volunteers).toEqual({ totalCount: 0, edges: [] });
  });

  it('refuses more than 100 ids as BAD_USER_INPUT on ids', async () => {
    const ids = Array.from({ length: 101 }, (_, index) => `V-${String(index).padStart(7, '0')}`);

    const result = await subgraph.run(BY_IDS, { ids });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'ids');
  });
});

/** The counts the API should return: how many of `volunteers` carry each key, in key order. */
function expectedCounts(by: VolunteerGrouping, filter: VolunteerFilter) {
  const keysOf = (volunteer: Profile): string[] =>
    by === 'REGION'
      ? [volunteer.regionCode]
      : by === 'STATUS'
        ? [volunteer.status]
        : volunteer.kinds;
  const counts = new Map<string, number>();
  for (const volunteer of volunteers.filter((v) => matches(v, filter))) {
    for (const key of keysOf(volunteer)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => ({ key, count }));
}

async function volunteerCounts(by: VolunteerGrouping, filter?: VolunteerFilter) {
  const result = await subgraph.run(COUNTS, { by, filter });
  expect(result.errors).toBeUndefined();
  return result.data!.volunteerCounts as { key: string; count: number }[];
}

describe('counting volunteers', () => {
  it('counts by region, kind and status', async () => {
    expect(await volunteerCounts('REGION')).toEqual(expectedCounts('REGION', {}));
    expect(await volunteerCounts('KIND')).toEqual(expectedCounts('KIND', {}));
    expect(await volunteerCounts('STATUS')).toEqual(expectedCounts('STATUS', {}));
  });

  it('counts a volunteer under each of their kinds', async () => {
    const counts = await volunteerCounts('KIND');

    const total = counts.reduce((sum, { count }) => sum + count, 0);
    expect(total).toBe(PROFILES.reduce((sum, profile) => sum + profile.kinds.length, 0));
  });

  it.each<[VolunteerGrouping, string, VolunteerFilter]>([
    ['REGION', 'active', { status: 'ACTIVE' }],
    ['KIND', 'in SA-01 with at least 5 hours', { regionCode: 'SA-01', minWeeklyHours: 5 }],
    ['STATUS', 'with skill 2221', { skillCode: '2221' }],
    ['REGION', 'who give advice', { kind: 'ADVISORY' }],
    ['STATUS', 'matching every filter at once', EVERY_FILTER],
  ])('counts by %s the volunteers %s', async (by, _, filter) => {
    expect(await volunteerCounts(by, filter)).toEqual(expectedCounts(by, filter));
  });

  it('returns no group when nobody matches', async () => {
    expect(await volunteerCounts('REGION', { regionCode: 'SA-14' })).toEqual([]);
  });

  it.each(FILTERS)('agrees with the list for %s', async (_, filter) => {
    const counts = await volunteerCounts('STATUS', filter);
    const { totalCount } = await volunteersPage({ filter, first: 0 });

    expect(counts.reduce((sum, { count }) => sum + count, 0)).toBe(totalCount);
  });
});
