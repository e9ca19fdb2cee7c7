import { describe, expect, it } from 'vitest';
import { REGIONS } from '@sahem/kit';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { UpdateVolunteerInput } from '../src/__generated__/resolvers-types.ts';
import {
  aVolunteer,
  CHANGE_STATUS,
  changeStatus,
  register,
  skillsFromCatalogue,
  UNKNOWN_VOLUNTEER_ID,
  update,
  UPDATE,
  volunteerById,
} from './fixtures.ts';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph();

describe('updating a volunteer', () => {
  it('changes only the given fields', async () => {
    const volunteer = await register(subgraph, aVolunteer({ regionCode: 'SA-01', city: 'Riyadh' }));

    const updated = await update(subgraph, volunteer.id, {
      regionCode: 'SA-02',
      city: ' Jeddah ',
      weeklyAvailabilityHours: 10.5,
    });

    expect(updated).toEqual({
      ...volunteer,
      region: { code: 'SA-02', name: REGIONS.get('SA-02') },
      city: 'Jeddah',
      weeklyAvailabilityHours: 10.5,
    });
    expect(await volunteerById(subgraph, volunteer.id)).toEqual(updated);
  });

  it('treats null as "not given" for required fields', async () => {
    const volunteer = await register(subgraph);

    const updated = await update(subgraph, volunteer.id, {
      fullName: null,
      regionCode: null,
      city: null,
      email: null,
      weeklyAvailabilityHours: null,
      kinds: null,
      skillCodes: null,
    });

    expect(updated).toEqual(volunteer);
  });

  it('normalises the name, email and phone it changes', async () => {
    const volunteer = await register(subgraph);

    const updated = await update(subgraph, volunteer.id, {
      fullName: ' Sara Al-Qahtani  ',
      email: ' Sara@Example.SA ',
      phone: '+966 50 000 0002',
    });

    expect(updated).toEqual({
      ...volunteer,
      fullName: 'Sara Al-Qahtani',
      email: 'sara@example.sa',
      phone: '+966500000002',
    });
  });

  it('removes the phone when given null', async () => {
    const volunteer = await register(subgraph, aVolunteer({ phone: '0551234567' }));

    const updated = await update(subgraph, volunteer.id, { phone: null });

    expect(updated).toEqual({ ...volunteer, phone: null });
  });

  it('replaces the kinds, without duplicates', async () => {
    const volunteer = await register(subgraph, aVolunteer({ kinds: ['PRACTICAL', 'ADVISORY'] }));

    const updated = await update(subgraph, volunteer.id, {
      kinds: ['PHYSICAL', 'FINANCIAL', 'PHYSICAL'],
    });

    expect(updated.kinds).toEqual(['PHYSICAL', 'FINANCIAL']);
  });

  it('replaces the skills with the given ones', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: ['2221', '3258'] }));

    const updated = await update(subgraph, volunteer.id, { skillCodes: ['5411', '2221', '5411'] });

    expect(updated.skills).toEqual(await skillsFromCatalogue(subgraph.db, ['2221', '5411']));
    const { rows } = await subgraph.db.pool.query(
      'SELECT "skillCode" FROM "VolunteerSkill" WHERE "volunteerId" = $1 ORDER BY "skillCode"',
      [volunteer.id],
    );
    expect(rows).toEqual([{ skillCode: '2221' }, { skillCode: '5411' }]);
  });

  it('removes every skill when given an empty list', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: ['2221', '3258'] }));

    const updated = await update(subgraph, volunteer.id, { skillCodes: [] });

    expect(updated.skills).toEqual([]);
  });

  it('keeps the skills when they are not given', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: ['2221', '3258'] }));

    const updated = await update(subgraph, volunteer.id, { city: 'Abha' });

    expect(updated.skills).toEqual(volunteer.skills);
  });

  it('leaves other volunteers untouched', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: ['2221'] }));
    const other = await register(subgraph, aVolunteer({ skillCodes: ['2221'] }));

    await update(subgraph, volunteer.id, { city: 'Tabuk', skillCodes: ['5411'] });

    expect(await volunteerById(subgraph, other.id)).toEqual(other);
  });

  it('is NOT_FOUND on id for an unknown volunteer', async () => {
    const result = await subgraph.run(UPDATE, {
      id: UNKNOWN_VOLUNTEER_ID,
      input: { city: 'Jeddah' },
    });

    expectGraphQLError(result, 'NOT_FOUND', 'id');
    expect(result.data).toBeNull();
  });

  it('is a CONFLICT on the email when another volunteer has it', async () => {
    const volunteer = await register(subgraph);
    const other = await register(subgraph);

    const result = await subgraph.run(UPDATE, {
      id: volunteer.id,
      input: { email: other.email.toUpperCase() },
    });

    expectGraphQLError(result, 'CONFLICT', 'input.email');
    expect(await volunteerById(subgraph, volunteer.id)).toEqual(volunteer);
  });

  it('keeps its own email without conflict', async () => {
    const volunteer = await register(subgraph);

    const updated = await update(subgraph, volunteer.id, { email: volunteer.email });

    expect(updated).toEqual(volunteer);
  });
});

describe('refusing an invalid update', () => {
  it.each<[string, string, UpdateVolunteerInput]>([
    ['a one-letter name', 'input.fullName', { fullName: 'S' }],
    ['a region code that does not exist', 'input.regionCode', { regionCode: 'SA-15' }],
    ['a blank city', 'input.city', { city: ' ' }],
    ['an email without @', 'input.email', { email: 'sara.example.sa' }],
    ['a landline number', 'input.phone', { phone: '0112345678' }],
    ['negative weekly hours', 'input.weeklyAvailabilityHours', { weeklyAvailabilityHours: -1 }],
    ['169 hours a week', 'input.weeklyAvailabilityHours', { weeklyAvailabilityHours: 169 }],
    ['no kind of volunteering', 'input.kinds', { kinds: [] }],
    ['an unknown skill code', 'input.skillCodes', { skillCodes: ['9999'] }],
  ])('refuses %s as BAD_USER_INPUT on %s and changes nothing', async (_, field, input) => {
    const volunteer = await register(subgraph);

    const result = await subgraph.run(UPDATE, {
      id: volunteer.id,
      input: { city: 'Hail', ...input },
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', field);
    expect(await volunteerById(subgraph, volunteer.id)).toEqual(volunteer);
  });
});

describe('changing the status of a volunteer', () => {
  it('suspends, deactivates and reactivates a volunteer, changing nothing else', async () => {
    const volunteer = await register(subgraph);
    expect(volunteer.status).toBe('ACTIVE');

    for (const status of ['SUSPENDED', 'INACTIVE', 'ACTIVE'] as const) {
      expect(await changeStatus(subgraph, volunteer.id, status)).toEqual({ ...volunteer, status });
      expect(await volunteerById(subgraph, volunteer.id)).toEqual({ ...volunteer, status });
    }
  });

  it('is NOT_FOUND on id for an unknown volunteer', async () => {
    const result = await subgraph.run(CHANGE_STATUS, {
      id: UNKNOWN_VOLUNTEER_ID,
      status: 'SUSPENDED',
    });

    expectGraphQLError(result, 'NOT_FOUND', 'id');
    expect(result.data).toBeNull();
  });
});
