import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { ParticipationStatus, ProgramStatus } from '../src/__generated__/prisma/client.ts';
import {
  ACCEPT,
  APPLY,
  aParticipation,
  aProgram,
  aVolunteerId,
  PARTICIPATION,
  participationView,
  succeed,
  WITHDRAW,
  type ParticipationView,
} from './fixtures.ts';
import { TODAY, useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph();

const application = (programId: string, overrides: Record<string, string> = {}) => ({
  input: { programId, volunteerId: aVolunteerId(), skillCode: '3258', ...overrides },
});

const participationsOf = (programId: string) =>
  subgraph.db.prisma.participation.findMany({ where: { programId }, orderBy: { id: 'asc' } });

describe('applying to a program', () => {
  it('records an application of the volunteer with the skill to exercise', async () => {
    const program = await aProgram(subgraph);
    const { input } = application(program.id);

    const applied = await succeed<ParticipationView & { appliedAt: string }>(subgraph, APPLY, {
      input,
    });

    const [stored] = await participationsOf(program.id);
    expect(applied).toEqual({
      id: stored!.id,
      volunteer: { id: input.volunteerId },
      program: { id: program.id },
      role: 'MEMBER',
      status: 'APPLIED',
      skill: { code: '3258' },
      joinedOn: null,
      appliedAt: stored!.appliedAt.toISOString(),
    });
  });

  it('accepts applications until the last day of the program', async () => {
    const program = await aProgram(subgraph, { startDate: '2026-01-01', endDate: TODAY });

    const applied = await succeed<ParticipationView>(subgraph, APPLY, application(program.id));

    expect(applied.status).toBe('APPLIED');
  });

  it.each(['V-123', 'V-00000001', 'v-0000001', '0000001', 'V0000001', 'V-000000a'])(
    'refuses the volunteer id %s as BAD_USER_INPUT on input.volunteerId',
    async (volunteerId) => {
      const program = await aProgram(subgraph);

      const result = await subgraph.run(APPLY, application(program.id, { volunteerId }));

      expectGraphQLError(result, 'BAD_USER_INPUT', 'input.volunteerId');
      expect(await participationsOf(program.id)).toEqual([]);
    },
  );

  it.each(['322', '32580', '32a8', ''])(
    'refuses the skill code "%s" as BAD_USER_INPUT on input.skillCode',
    async (skillCode) => {
      const program = await aProgram(subgraph);

      const result = await subgraph.run(APPLY, application(program.id, { skillCode }));

      expectGraphQLError(result, 'BAD_USER_INPUT', 'input.skillCode');
      expect(await participationsOf(program.id)).toEqual([]);
    },
  );

  it('answers NOT_FOUND on input.programId for an unknown program', async () => {
    const result = await subgraph.run(APPLY, application('FIX-99999'));

    expectGraphQLError(result, 'NOT_FOUND', 'input.programId');
  });

  it.each<ProgramStatus>(['DRAFT', 'CLOSED', 'COMPLETED'])(
    'refuses applications to a %s program as CONFLICT',
    async (status) => {
      const program = await aProgram(subgraph, { status });

      const result = await subgraph.run(APPLY, application(program.id));

      expectGraphQLError(result, 'CONFLICT', 'input.programId');
      expect(await participationsOf(program.id)).toEqual([]);
    },
  );

  it('refuses applications to an open program that ended yesterday as CONFLICT', async () => {
    const program = await aProgram(subgraph, { startDate: '2026-01-01', endDate: '2026-06-14' });

    const result = await subgraph.run(APPLY, application(program.id));

    expectGraphQLError(result, 'CONFLICT', 'input.programId');
    expect(await participationsOf(program.id)).toEqual([]);
  });

  it.each<ParticipationStatus>(['APPLIED', 'ACCEPTED', 'WITHDRAWN'])(
    'refuses a second application of a volunteer whose first is %s as CONFLICT on input.volunteerId',
    async (status) => {
      const program = await aProgram(subgraph);
      const first = await aParticipation(subgraph, program, { status });

      const result = await subgraph.run(
        APPLY,
        application(program.id, { volunteerId: first.volunteerId, skillCode: '5411' }),
      );

      expectGraphQLError(result, 'CONFLICT', 'input.volunteerId');
      expect(await participationsOf(program.id)).toEqual([first]);
    },
  );

  it('lets one volunteer apply to two programs', async () => {
    const [first, second] = [await aProgram(subgraph), await aProgram(subgraph)];
    const volunteerId = aVolunteerId();

    await succeed(subgraph, APPLY, application(first.id, { volunteerId }));
    await succeed(subgraph, APPLY, application(second.id, { volunteerId }));

    expect(await subgraph.db.prisma.participation.count({ where: { volunteerId } })).toBe(2);
  });
});

describe('accepting an application', () => {
  it('starts a running program today and a future one on its first day', async () => {
    const running = await aProgram(subgraph, { startDate: '2026-01-01', endDate: '2026-12-31' });
    const future = await aProgram(subgraph, { startDate: '2026-09-01', endDate: '2026-12-31' });
    const [inRunning, inFuture] = [
      await aParticipation(subgraph, running),
      await aParticipation(subgraph, future),
    ];

    const [acceptedNow, acceptedLater] = [
      await succeed<ParticipationView>(subgraph, ACCEPT, { id: inRunning.id }),
      await succeed<ParticipationView>(subgraph, ACCEPT, { id: inFuture.id }),
    ];

    expect(acceptedNow).toEqual({
      ...participationView(inRunning),
      status: 'ACCEPTED',
      role: 'MEMBER',
      joinedOn: TODAY,
    });
    expect(acceptedLater.joinedOn).toBe('2026-09-01');
    expect(await succeed(subgraph, PARTICIPATION, { id: inRunning.id })).toEqual(acceptedNow);
  });

  it.each(['2026-03-01', '2026-03-02', '2026-09-30'])(
    'starts the participation on an explicit %s within the program',
    async (joinedOn) => {
      const program = await aProgram(subgraph, { startDate: '2026-03-01', endDate: '2026-09-30' });
      const participation = await aParticipation(subgraph, program);

      const accepted = await succeed<ParticipationView>(subgraph, ACCEPT, {
        id: participation.id,
        joinedOn,
      });

      expect(accepted).toMatchObject({ status: 'ACCEPTED', joinedOn });
    },
  );

  it.each(['2026-02-28', '2026-10-01'])(
    'refuses an explicit start on %s, outside the program, as BAD_USER_INPUT on joinedOn',
    async (joinedOn) => {
      const program = await aProgram(subgraph, { startDate: '2026-03-01', endDate: '2026-09-30' });
      const participation = await aParticipation(subgraph, program);

      const result = await subgraph.run(ACCEPT, { id: participation.id, joinedOn });

      expectGraphQLError(result, 'BAD_USER_INPUT', 'joinedOn');
      expect(await participationsOf(program.id)).toEqual([participation]);
    },
  );

  it('accepts a team lead, who then leads the program', async () => {
    const program = await aProgram(subgraph);
    const participation = await aParticipation(subgraph, program);

    const accepted = await succeed<ParticipationView>(subgraph, ACCEPT, {
      id: participation.id,
      role: 'TEAM_LEAD',
    });
    const leads = await succeed<{ teamLeads: { id: string }[] }>(
      subgraph,
      /* GraphQL */ `
        query TeamLeads($id: ID!) {
          program(id: $id) {
            teamLeads {
              id
            }
          }
        }
      `,
      { id: program.id },
    );

    expect(accepted).toMatchObject({ role: 'TEAM_LEAD', status: 'ACCEPTED' });
    expect(leads.teamLeads).toEqual([{ id: participation.id }]);
  });

  it('accepts no more participants than the capacity and changes nothing when full', async () => {
    const program = await aProgram(subgraph, { capacity: 2 });
    const [first, second, third] = [
      await aParticipation(subgraph, program),
      await aParticipation(subgraph, program),
      await aParticipation(subgraph, program),
    ];
    await succeed(subgraph, ACCEPT, { id: first!.id });
    await succeed(subgraph, ACCEPT, { id: second!.id });
    const before = await participationsOf(program.id);

    const result = await subgraph.run(ACCEPT, { id: third!.id });

    expectGraphQLError(result, 'CONFLICT', 'id');
    expect(await participationsOf(program.id)).toEqual(before);
    expect(before.map((p) => p.status).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'APPLIED']);
  });

  it('counts active participants against the capacity and frees the place of a withdrawal', async () => {
    const program = await aProgram(subgraph, { capacity: 2 });
    await aParticipation(subgraph, program, { status: 'ACTIVE' });
    const leaving = await aParticipation(subgraph, program, { status: 'ACCEPTED' });
    await aParticipation(subgraph, program, { status: 'COMPLETED' });
    const waiting = await aParticipation(subgraph, program);

    const whileFull = await subgraph.run(ACCEPT, { id: waiting.id });
    await succeed(subgraph, WITHDRAW, { id: leaving.id });
    const afterWithdrawal = await succeed<ParticipationView>(subgraph, ACCEPT, { id: waiting.id });

    expectGraphQLError(whileFull, 'CONFLICT', 'id');
    expect(afterWithdrawal.status).toBe('ACCEPTED');
  });

  it.each<ParticipationStatus>(['ACCEPTED', 'ACTIVE', 'COMPLETED', 'WITHDRAWN'])(
    'refuses to accept a %s participation as CONFLICT',
    async (status) => {
      const program = await aProgram(subgraph);
      const participation = await aParticipation(subgraph, program, { status });

      const result = await subgraph.run(ACCEPT, { id: participation.id });

      expectGraphQLError(result, 'CONFLICT', 'id');
      expect(await participationsOf(program.id)).toEqual([participation]);
    },
  );

  it('refuses to accept the same application twice', async () => {
    const program = await aProgram(subgraph);
    const participation = await aParticipation(subgraph, program);
    const accepted = await succeed<ParticipationView>(subgraph, ACCEPT, { id: participation.id });

    const again = await subgraph.run(ACCEPT, { id: participation.id, role: 'TEAM_LEAD' });

    expectGraphQLError(again, 'CONFLICT', 'id');
    expect(await succeed(subgraph, PARTICIPATION, { id: participation.id })).toEqual(accepted);
  });

  it.each<ProgramStatus>(['DRAFT', 'COMPLETED'])(
    'refuses to accept into a %s program as CONFLICT',
    async (status) => {
      const program = await aProgram(subgraph, { status });
      const participation = await aParticipation(subgraph, program);

      const result = await subgraph.run(ACCEPT, { id: participation.id });

      expectGraphQLError(result, 'CONFLICT', 'id');
    },
  );

  it.each([
    ['an unknown id', randomUUID()],
    ['a garbage id', 'not-a-uuid'],
  ])('answers NOT_FOUND on id for %s', async (_, id) => {
    expectGraphQLError(await subgraph.run(ACCEPT, { id }), 'NOT_FOUND', 'id');
  });
});

describe('withdrawing', () => {
  it.each<ParticipationStatus>(['APPLIED', 'ACCEPTED', 'ACTIVE'])(
    'withdraws a %s participation',
    async (status) => {
      const program = await aProgram(subgraph);
      const participation = await aParticipation(subgraph, program, { status });

      const withdrawn = await succeed<ParticipationView>(subgraph, WITHDRAW, {
        id: participation.id,
      });

      const expected = { ...participationView(participation), status: 'WITHDRAWN' };
      expect(withdrawn).toEqual(expected);
      expect(await succeed(subgraph, PARTICIPATION, { id: participation.id })).toEqual(expected);
    },
  );

  it.each<ParticipationStatus>(['WITHDRAWN', 'COMPLETED'])(
    'refuses to withdraw a %s participation as CONFLICT',
    async (status) => {
      const program = await aProgram(subgraph);
      const participation = await aParticipation(subgraph, program, { status });

      const result = await subgraph.run(WITHDRAW, { id: participation.id });

      expectGraphQLError(result, 'CONFLICT', 'id');
      expect(await participationsOf(program.id)).toEqual([participation]);
    },
  );

  it.each([
    ['an unknown id', randomUUID()],
    ['a garbage id', '42'],
  ])('answers NOT_FOUND on id for %s', async (_, id) => {
    expectGraphQLError(await subgraph.run(WITHDRAW, { id }), 'NOT_FOUND', 'id');
  });
});
