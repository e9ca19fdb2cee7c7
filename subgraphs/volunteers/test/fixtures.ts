import { expect } from 'vitest';
import type { Database } from '@sahem/kit';
import type { PrismaClient } from '../src/__generated__/prisma/client.ts';
import type {
  RegisterVolunteerInput,
  UpdateVolunteerInput,
  VolunteerStatus,
} from '../src/__generated__/resolvers-types.ts';
import { withCheckDigit } from '../src/nationalId.ts';
import type { VolunteersSubgraph } from './volunteersSubgraph.ts';

type Runner = Pick<VolunteersSubgraph, 'run'>;

const VOLUNTEER_FIELDS = /* GraphQL */ `
  fragment VolunteerFields on Volunteer {
    id
    fullName
    nationalIdMasked
    gender
    birthYear
    city
    email
    phone
    weeklyAvailabilityHours
    kinds
    status
    registeredAt
    region {
      code
      name {
        ar
        en
      }
    }
    skills {
      code
      name {
        ar
        en
      }
      majorGroup
    }
  }
`;

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) {
      ...VolunteerFields
    }
  }
  ${VOLUNTEER_FIELDS}
`;

export const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateVolunteerInput!) {
    updateVolunteer(id: $id, input: $input) {
      ...VolunteerFields
    }
  }
  ${VOLUNTEER_FIELDS}
`;

export const CHANGE_STATUS = /* GraphQL */ `
  mutation ChangeStatus($id: ID!, $status: VolunteerStatus!) {
    changeVolunteerStatus(id: $id, status: $status) {
      ...VolunteerFields
    }
  }
  ${VOLUNTEER_FIELDS}
`;

export const VOLUNTEER = /* GraphQL */ `
  query Volunteer($id: ID!) {
    volunteer(id: $id) {
      ...VolunteerFields
    }
  }
  ${VOLUNTEER_FIELDS}
`;

/** A skill as the API shows it. */
export interface SkillView {
  code: string;
  name: { ar: string; en: string };
  majorGroup: string;
}

/** A volunteer as the API shows it (every field of {@link VOLUNTEER_FIELDS}). */
export interface VolunteerView {
  id: string;
  fullName: string;
  nationalIdMasked: string;
  gender: string;
  birthYear: number;
  city: string;
  email: string;
  phone: string | null;
  weeklyAvailabilityHours: number;
  kinds: string[];
  status: VolunteerStatus;
  registeredAt: string;
  region: { code: string; name: { ar: string; en: string } };
  skills: SkillView[];
}

/** An id no volunteer has. */
export const UNKNOWN_VOLUNTEER_ID = 'V-9999999';

let volunteersMade = 0;

/**
 * A valid registration with a national id and an email of its own, so tests never collide;
 * `overrides` set what a test is about.
 */
export function aVolunteer(
  overrides: Partial<RegisterVolunteerInput> = {},
): RegisterVolunteerInput {
  volunteersMade += 1;
  return {
    nationalId: withCheckDigit(String(100_000_000 + volunteersMade)),
    fullName: `Volunteer Number ${volunteersMade}`,
    gender: 'FEMALE',
    birthYear: 1990,
    regionCode: 'SA-01',
    city: 'Riyadh',
    email: `volunteer${volunteersMade}@example.sa`,
    phone: '0551234567',
    weeklyAvailabilityHours: 4,
    kinds: ['PRACTICAL'],
    skillCodes: ['2221'],
    ...overrides,
  };
}

/** Registers a volunteer through the API and returns it; any error fails the test. */
export async function register(
  subgraph: Runner,
  input: RegisterVolunteerInput = aVolunteer(),
): Promise<VolunteerView> {
  const result = await subgraph.run(REGISTER, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.registerVolunteer as VolunteerView;
}

/** Updates a volunteer through the API and returns it; any error fails the test. */
export async function update(
  subgraph: Runner,
  id: string,
  input: UpdateVolunteerInput,
): Promise<VolunteerView> {
  const result = await subgraph.run(UPDATE, { id, input });
  expect(result.errors).toBeUndefined();
  return result.data!.updateVolunteer as VolunteerView;
}

/** Changes a volunteer's status through the API and returns it; any error fails the test. */
export async function changeStatus(
  subgraph: Runner,
  id: string,
  status: VolunteerStatus,
): Promise<VolunteerView> {
  const result = await subgraph.run(CHANGE_STATUS, { id, status });
  expect(result.errors).toBeUndefined();
  return result.data!.changeVolunteerStatus as VolunteerView;
}

/** Reads a volunteer back through the API (null when there is none). */
export async function volunteerById(subgraph: Runner, id: string): Promise<VolunteerView | null> {
  const result = await subgraph.run(VOLUNTEER, { id });
  expect(result.errors).toBeUndefined();
  return result.data!.volunteer as VolunteerView | null;
}

/** The given skills as the catalogue stores them, in code order (the order the API lists them). */
export async function skillsFromCatalogue(
  db: Database<PrismaClient>,
  codes: readonly string[],
): Promise<SkillView[]> {
  const { rows } = await db.pool.query<{
    code: string;
    nameAr: string;
    nameEn: string;
    majorGroup: string;
  }>('SELECT * FROM "Skill" WHERE code = ANY($1) ORDER BY code', [codes]);
  expect(rows.map((row) => row.code)).toEqual([...new Set(codes)].sort());
  return rows.map((row) => ({
    code: row.code,
    name: { ar: row.nameAr, en: row.nameEn },
    majorGroup: row.majorGroup,
  }));
}

/** How many rows `table` holds. */
export async function countRows(
  db: Database<PrismaClient>,
  table: 'Volunteer' | 'VolunteerSkill',
): Promise<number> {
  const { rows } = await db.pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "${table}"`,
  );
  return rows[0]!.count;
}

/** Row counts of every volunteer table, to check that a failed mutation left nothing behind. */
export async function volunteerTables(db: Database<PrismaClient>) {
  return {
    volunteers: await countRows(db, 'Volunteer'),
    volunteerSkills: await countRows(db, 'VolunteerSkill'),
  };
}
