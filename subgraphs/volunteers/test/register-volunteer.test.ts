import { describe, expect, it } from 'vitest';
import { REGIONS } from '@sahem/kit';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { RegisterVolunteerInput } from '../src/__generated__/resolvers-types.ts';
import { withCheckDigit } from '../src/nationalId.ts';
import {
  aVolunteer,
  register,
  REGISTER,
  skillsFromCatalogue,
  UNKNOWN_VOLUNTEER_ID,
  volunteerById,
  volunteerTables,
} from './fixtures.ts';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph();

const youngestBirthYear = new Date().getUTCFullYear() - 10;
const validId = withCheckDigit('112233445');
const wrongCheckDigit = `${validId.slice(0, 9)}${(Number(validId[9]) + 1) % 10}`;
const emailOfLength = (length: number) => `${'n'.repeat(length - '@example.sa'.length)}@example.sa`;

describe('registering a volunteer', () => {
  it('stores the volunteer with trimmed names, normalised contact, distinct kinds and catalogue skills', async () => {
    const nationalId = withCheckDigit('198765432');
    const input = aVolunteer({
      nationalId,
      fullName: '  Noura Al-Harbi ',
      gender: 'FEMALE',
      birthYear: 1994,
      regionCode: 'SA-04',
      city: ' Dammam ',
      email: '  Noura.AlHarbi@Example.SA ',
      phone: '055 123-4567',
      weeklyAvailabilityHours: 3.5,
      kinds: ['PRACTICAL', 'ADVISORY', 'PRACTICAL'],
      skillCodes: ['3258', '2221', '3258'],
    });
    const before = Date.now();

    const volunteer = await register(subgraph, input);

    expect(volunteer).toEqual({
      id: expect.stringMatching(/^V-\d{7}$/),
      fullName: 'Noura Al-Harbi',
      nationalIdMasked: `******${nationalId.slice(-4)}`,
      gender: 'FEMALE',
      birthYear: 1994,
      city: 'Dammam',
      email: 'noura.alharbi@example.sa',
      phone: '+966551234567',
      weeklyAvailabilityHours: 3.5,
      kinds: ['PRACTICAL', 'ADVISORY'],
      status: 'ACTIVE',
      registeredAt: expect.any(String),
      region: { code: 'SA-04', name: REGIONS.get('SA-04') },
      skills: await skillsFromCatalogue(subgraph.db, ['2221', '3258']),
    });
    const registeredAt = Date.parse(volunteer.registeredAt);
    expect(registeredAt).toBeGreaterThanOrEqual(before - 1000);
    expect(registeredAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('can be read back by id exactly as it was returned', async () => {
    const volunteer = await register(subgraph);

    expect(await volunteerById(subgraph, volunteer.id)).toEqual(volunteer);
  });

  it('finds no volunteer for an unknown id', async () => {
    expect(await volunteerById(subgraph, UNKNOWN_VOLUNTEER_ID)).toBeNull();
  });

  it('keeps only a salted hash and the last four digits of the national id', async () => {
    const nationalId = withCheckDigit('155544433');
    const { id } = await register(subgraph, aVolunteer({ nationalId }));

    const { rows } = await subgraph.db.pool.query('SELECT * FROM "Volunteer" WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(nationalId);
    expect(rows[0].nationalIdLast4).toBe(nationalId.slice(-4));
  });

  it('accepts a resident id (starting with 2)', async () => {
    const nationalId = withCheckDigit('234567890');

    const volunteer = await register(subgraph, aVolunteer({ nationalId }));

    expect(volunteer.nationalIdMasked).toBe(`******${nationalId.slice(-4)}`);
  });

  it.each([
    ['0551234567', '+966551234567'],
    ['055 123 4567', '+966551234567'],
    ['+966551234567', '+966551234567'],
    ['+966 50-000-0001', '+966500000001'],
    [null, null],
  ])('stores the phone %j as %j', async (phone, stored) => {
    const volunteer = await register(subgraph, aVolunteer({ phone }));

    expect(volunteer.phone).toBe(stored);
  });

  it.each([0, 168])('accepts %d hours a week', async (weeklyAvailabilityHours) => {
    const volunteer = await register(subgraph, aVolunteer({ weeklyAvailabilityHours }));

    expect(volunteer.weeklyAvailabilityHours).toBe(weeklyAvailabilityHours);
  });

  it.each([1900, youngestBirthYear])('accepts the birth year %d', async (birthYear) => {
    const volunteer = await register(subgraph, aVolunteer({ birthYear }));

    expect(volunteer.birthYear).toBe(birthYear);
  });

  it('accepts an email of 254 characters, the longest an address can be', async () => {
    const email = emailOfLength(254);

    const volunteer = await register(subgraph, aVolunteer({ email }));

    expect(volunteer.email).toBe(email);
  });

  it('accepts a volunteer who declares no skill', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: [] }));

    expect(volunteer.skills).toEqual([]);
  });
});

describe('refusing an invalid registration', () => {
  it.each<[string, string, Partial<RegisterVolunteerInput>]>([
    ['a national id of 9 digits', 'input.nationalId', { nationalId: '123456789' }],
    ['a national id of 11 digits', 'input.nationalId', { nationalId: '12345678901' }],
    ['a national id with letters', 'input.nationalId', { nationalId: '12345abcde' }],
    [
      'a national id starting with 3',
      'input.nationalId',
      { nationalId: withCheckDigit('300000000') },
    ],
    [
      'a national id starting with 0',
      'input.nationalId',
      { nationalId: withCheckDigit('012345678') },
    ],
    ['a national id with a wrong check digit', 'input.nationalId', { nationalId: wrongCheckDigit }],
    ['a one-letter name', 'input.fullName', { fullName: 'N' }],
    ['a blank name', 'input.fullName', { fullName: '     ' }],
    ['a name of 201 characters', 'input.fullName', { fullName: 'N'.repeat(201) }],
    ['a birth year before 1900', 'input.birthYear', { birthYear: 1899 }],
    ['a volunteer younger than 10', 'input.birthYear', { birthYear: youngestBirthYear + 1 }],
    ['a region code that does not exist (SA-13)', 'input.regionCode', { regionCode: 'SA-13' }],
    ['a region name instead of a code', 'input.regionCode', { regionCode: 'Riyadh' }],
    ['a blank city', 'input.city', { city: '  ' }],
    ['a city of 101 characters', 'input.city', { city: 'c'.repeat(101) }],
    ['an email without @', 'input.email', { email: 'noura.example.sa' }],
    ['an email without a domain suffix', 'input.email', { email: 'noura@example' }],
    ['an email with a space', 'input.email', { email: 'noura al@example.sa' }],
    ['an email of 255 characters', 'input.email', { email: emailOfLength(255) }],
    ['a landline number', 'input.phone', { phone: '0112345678' }],
    ['a mobile number of 9 digits', 'input.phone', { phone: '055123456' }],
    ['a foreign number', 'input.phone', { phone: '+971501234567' }],
    ['negative weekly hours', 'input.weeklyAvailabilityHours', { weeklyAvailabilityHours: -0.5 }],
    [
      'more hours than a week has',
      'input.weeklyAvailabilityHours',
      { weeklyAvailabilityHours: 168.5 },
    ],
    [
      'weekly hours with two decimals',
      'input.weeklyAvailabilityHours',
      { weeklyAvailabilityHours: 2.25 },
    ],
    ['no kind of volunteering', 'input.kinds', { kinds: [] }],
    ['an unknown skill code', 'input.skillCodes', { skillCodes: ['9999'] }],
    ['a known and an unknown skill code', 'input.skillCodes', { skillCodes: ['2221', '0000'] }],
    [
      'eleven skills (a volunteer declares ten at most)',
      'input.skillCodes',
      {
        skillCodes: [
          '1120',
          '1213',
          '1344',
          '2221',
          '2222',
          '2261',
          '2634',
          '3258',
          '5411',
          '9112',
          '9313',
        ],
      },
    ],
    // PostgreSQL cannot store it: refused before any statement, naming the variable.
    ['a NUL in the name', 'variables.input.fullName', { fullName: 'Noura\u0000 Al-Harbi' }],
    ['a NUL in the city', 'variables.input.city', { city: 'Dammam\u0000' }],
  ])('refuses %s as BAD_USER_INPUT on %s', async (_, field, overrides) => {
    const tablesBefore = await volunteerTables(subgraph.db);

    const result = await subgraph.run(REGISTER, { input: aVolunteer(overrides) });

    expectGraphQLError(result, 'BAD_USER_INPUT', field);
    expect(result.data ?? null).toBeNull();
    expect(await volunteerTables(subgraph.db)).toEqual(tablesBefore);
  });

  it('names the unknown skill code in the message', async () => {
    const result = await subgraph.run(REGISTER, {
      input: aVolunteer({ skillCodes: ['2221', '0000'] }),
    });

    expect(expectGraphQLError(result, 'BAD_USER_INPUT').message).toContain('0000');
  });
});

describe('registering the same person or email twice', () => {
  it('is a CONFLICT on the national id when the person registers again with another email', async () => {
    const first = aVolunteer();
    await register(subgraph, first);
    const tablesBefore = await volunteerTables(subgraph.db);

    const result = await subgraph.run(REGISTER, {
      input: aVolunteer({ nationalId: first.nationalId }),
    });

    expectGraphQLError(result, 'CONFLICT', 'input.nationalId');
    expect(await volunteerTables(subgraph.db)).toEqual(tablesBefore);
  });

  it('is a CONFLICT on the email when another person uses the same address, whatever its case', async () => {
    const first = aVolunteer({ email: 'shared.address@example.sa' });
    await register(subgraph, first);
    const tablesBefore = await volunteerTables(subgraph.db);

    const result = await subgraph.run(REGISTER, {
      input: aVolunteer({ email: ' Shared.Address@EXAMPLE.sa' }),
    });

    expectGraphQLError(result, 'CONFLICT', 'input.email');
    expect(await volunteerTables(subgraph.db)).toEqual(tablesBefore);
  });

  it('lets only one of several simultaneous registrations of the same person through', async () => {
    const person = aVolunteer();
    const emails = [1, 2, 3].map((attempt) => `same.person.${attempt}@example.sa`);

    const attempts = await Promise.all(
      emails.map((email) => subgraph.run(REGISTER, { input: { ...person, email } })),
    );

    const [succeeded, failed] = [
      attempts.filter((result) => !result.errors),
      attempts.filter((result) => result.errors),
    ];
    expect(succeeded).toHaveLength(1);
    for (const result of failed) expectGraphQLError(result, 'CONFLICT', 'input.nationalId');
    const { rows } = await subgraph.db.pool.query(
      'SELECT email FROM "Volunteer" WHERE email = ANY($1)',
      [emails],
    );
    expect(rows).toEqual([{ email: succeeded[0]!.data!.registerVolunteer.email }]);
  });
});
