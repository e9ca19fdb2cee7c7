import { beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '@sahem/kit';
import {
  aVolunteer,
  register,
  skillsFromCatalogue,
  UNKNOWN_VOLUNTEER_ID,
  type VolunteerView,
} from './fixtures.ts';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph();

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Volunteer {
        id
        fullName
        email
        region {
          code
        }
        skills {
          code
        }
      }
      ... on Skill {
        code
        name {
          ar
          en
        }
        majorGroup
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

const volunteerRef = (id: string) => ({ __typename: 'Volunteer', id });
const skillRef = (code: string) => ({ __typename: 'Skill', code });
const regionRef = (code: string) => ({ __typename: 'Region', code });

async function entities(representations: object[]) {
  const result = await subgraph.run(ENTITIES, { representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities as unknown[];
}

/** A volunteer as the `_entities` query above selects it. */
const asEntity = (volunteer: VolunteerView) => ({
  __typename: 'Volunteer',
  id: volunteer.id,
  fullName: volunteer.fullName,
  email: volunteer.email,
  region: { code: volunteer.region.code },
  skills: volunteer.skills.map(({ code }) => ({ code })),
});

const SKILL_SETS = [['2221'], ['3258', '5411'], [], ['2221', '2310', '3258']];
let volunteers: VolunteerView[] = [];

beforeAll(async () => {
  volunteers = [];
  for (let i = 0; i < 50; i++) {
    const regionCode = [...REGIONS.keys()][i % REGIONS.size]!;
    const skillCodes = SKILL_SETS[i % SKILL_SETS.length]!;
    volunteers.push(await register(subgraph, aVolunteer({ regionCode, skillCodes })));
  }
});

describe('resolving entities for the gateway', () => {
  it('resolves a Volunteer by id, with its region and skills', async () => {
    const volunteer = volunteers[1]!;

    expect(await entities([volunteerRef(volunteer.id)])).toEqual([asEntity(volunteer)]);
  });

  it('resolves a Skill by code from the catalogue', async () => {
    const [nursing] = await skillsFromCatalogue(subgraph.db, ['2221']);

    expect(await entities([skillRef('2221')])).toEqual([{ __typename: 'Skill', ...nursing }]);
  });

  it.each([...REGIONS.keys()])('resolves the Region %s with its names', async (code) => {
    expect(await entities([regionRef(code)])).toEqual([
      { __typename: 'Region', code, name: REGIONS.get(code) },
    ]);
  });

  it.each([
    ['Volunteer', volunteerRef(UNKNOWN_VOLUNTEER_ID)],
    ['Skill', skillRef('0000')],
    ['Region', regionRef('SA-13')],
  ])('returns null for an unknown %s', async (_, representation) => {
    expect(await entities([representation])).toEqual([null]);
  });

  it('answers a mix of types and unknown keys in the order asked', async () => {
    const [first, second] = volunteers;
    const [paramedics] = await skillsFromCatalogue(subgraph.db, ['2240']);

    const resolved = await entities([
      regionRef('SA-09'),
      volunteerRef(second!.id),
      skillRef('9999'),
      volunteerRef(UNKNOWN_VOLUNTEER_ID),
      skillRef('2240'),
      volunteerRef(first!.id),
      regionRef('SA-99'),
    ]);

    expect(resolved).toEqual([
      { __typename: 'Region', code: 'SA-09', name: REGIONS.get('SA-09') },
      asEntity(second!),
      null,
      null,
      { __typename: 'Skill', ...paramedics },
      asEntity(first!),
      null,
    ]);
  });
});

describe('batching entity references', () => {
  it('resolves 50 volunteers and their skills with as many SQL statements as one', async () => {
    const one = await subgraph.db.statements.track(() =>
      entities([volunteerRef(volunteers[0]!.id)]),
    );
    const fifty = await subgraph.db.statements.track(() =>
      entities(volunteers.map((volunteer) => volunteerRef(volunteer.id))),
    );

    expect(fifty.result).toEqual(volunteers.map(asEntity));
    expect(one.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(one.statements);
  });

  it('resolves many skills with as many SQL statements as one', async () => {
    const codes = ['1120', '2221', '2240', '3258', '5411', '9999'];
    const one = await subgraph.db.statements.track(() => entities([skillRef('2221')]));
    const many = await subgraph.db.statements.track(() => entities(codes.map(skillRef)));

    expect(many.result).toHaveLength(codes.length);
    expect(one.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(one.statements);
  });
});
