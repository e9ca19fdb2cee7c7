import { describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import {
  aVolunteer,
  register,
  REGISTER,
  UPDATE,
  volunteerById,
  volunteerTables,
} from './fixtures.ts';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph();

describe('a failed registration leaves nothing behind', () => {
  it('stores neither the volunteer nor any skill when one skill code is unknown', async () => {
    await register(subgraph);
    const before = await volunteerTables(subgraph.db);

    const result = await subgraph.run(REGISTER, {
      input: aVolunteer({ skillCodes: ['2221', '3258', '9999'] }),
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.skillCodes');
    expect(await volunteerTables(subgraph.db)).toEqual(before);
  });

  it('stores no skill of a duplicate registration', async () => {
    const first = aVolunteer({ skillCodes: ['2221'] });
    await register(subgraph, first);
    const before = await volunteerTables(subgraph.db);

    const result = await subgraph.run(REGISTER, {
      input: aVolunteer({ email: first.email, skillCodes: ['3258', '5411'] }),
    });

    expectGraphQLError(result, 'CONFLICT', 'input.email');
    expect(await volunteerTables(subgraph.db)).toEqual(before);
  });
});

describe('a failed update changes nothing', () => {
  it('keeps the old skills and fields when one skill code is unknown', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: ['2221', '3258'] }));
    const before = await volunteerTables(subgraph.db);

    const result = await subgraph.run(UPDATE, {
      id: volunteer.id,
      input: { city: 'Dammam', weeklyAvailabilityHours: 20, skillCodes: ['5411', '9999'] },
    });

    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.skillCodes');
    expect(await volunteerById(subgraph, volunteer.id)).toEqual(volunteer);
    expect(await volunteerTables(subgraph.db)).toEqual(before);
  });

  it('restores the old skills when the email conflicts after they were replaced', async () => {
    const volunteer = await register(subgraph, aVolunteer({ skillCodes: ['2221', '3258'] }));
    const other = await register(subgraph);
    const before = await volunteerTables(subgraph.db);

    const result = await subgraph.run(UPDATE, {
      id: volunteer.id,
      input: { skillCodes: ['5411'], city: 'Najran', email: other.email },
    });

    expectGraphQLError(result, 'CONFLICT', 'input.email');
    expect(await volunteerById(subgraph, volunteer.id)).toEqual(volunteer);
    expect(await volunteerTables(subgraph.db)).toEqual(before);
  });
});
