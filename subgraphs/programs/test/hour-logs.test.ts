import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { Participation, ParticipationStatus } from '../src/__generated__/prisma/client.ts';
import {
  aParticipation,
  aProgram,
  anHourLog,
  LOG_HOURS,
  succeed,
  VERIFY_HOURS,
  type ParticipationSpec,
} from './fixtures.ts';
import { NOW, TODAY, useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph();

interface HourLogView {
  id: string;
  date: string;
  hours: number;
  activity: string;
  verified: boolean;
  verifiedBy: string | null;
  verifiedAt: string | null;
}

/** A participation accepted on 1 March 2026 in a program running through 2026. */
async function aJoinedParticipation(spec: Partial<ParticipationSpec> = {}) {
  const program = await aProgram(subgraph);
  return aParticipation(subgraph, program, { status: 'ACCEPTED', joinedOn: '2026-03-01', ...spec });
}

const hoursOf = (participation: Participation, input: Record<string, unknown> = {}) => ({
  input: {
    participationId: participation.id,
    date: '2026-04-12',
    hours: 3,
    activity: 'Sorted donations',
    ...input,
  },
});

/** The participation's status and hour logs as stored. */
async function stored(participation: Participation) {
  const [{ status }, logs] = await Promise.all([
    subgraph.db.prisma.participation.findUniqueOrThrow({ where: { id: participation.id } }),
    subgraph.db.prisma.hourLog.findMany({
      where: { participationId: participation.id },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  return { status, logs };
}

describe('logging hours', () => {
  it('stores the log unverified, with the activity trimmed', async () => {
    const participation = await aJoinedParticipation();

    const log = await succeed<HourLogView>(
      subgraph,
      LOG_HOURS,
      hoursOf(participation, { hours: 2.5, activity: '  First aid stand  ' }),
    );

    const { logs } = await stored(participation);
    expect(log).toEqual({
      id: logs[0]!.id,
      date: '2026-04-12',
      hours: 2.5,
      activity: 'First aid stand',
      verified: false,
      verifiedBy: null,
      verifiedAt: null,
    });
    expect(logs).toHaveLength(1);
  });

  it.each([24, 0.01, 1.15, 2.3, 7.75, 23.99])('accepts %d hours', async (hours) => {
    const participation = await aJoinedParticipation();

    const log = await succeed<HourLogView>(subgraph, LOG_HOURS, hoursOf(participation, { hours }));

    expect(log.hours).toBe(hours);
    expect((await stored(participation)).logs.map((l) => l.hours.toNumber())).toEqual([hours]);
  });

  it.each([0, -1, -0.5, 24.01, 25, 1.125, 0.001])(
    'refuses %d hours as BAD_USER_INPUT on input.hours',
    async (hours) => {
      const participation = await aJoinedParticipation();

      const result = await subgraph.run(LOG_HOURS, hoursOf(participation, { hours }));

      expectGraphQLError(result, 'BAD_USER_INPUT', 'input.hours');
      expect(await stored(participation)).toEqual({ status: 'ACCEPTED', logs: [] });
    },
  );

  it.each([
    ['today', TODAY],
    ['the day the participation started', '2026-03-01'],
  ])('accepts hours given %s', async (_, date) => {
    const participation = await aJoinedParticipation();

    const log = await succeed<HourLogView>(subgraph, LOG_HOURS, hoursOf(participation, { date }));

    expect(log.date).toBe(date);
  });

  it.each([
    ['tomorrow', '2026-06-16'],
    ['next year', '2027-01-10'],
    ['the day before the participation started', '2026-02-28'],
  ])('refuses hours dated %s as BAD_USER_INPUT on input.date', async (_, date) => {
    const participation = await aJoinedParticipation();

    const result = await subgraph.run(LOG_HOURS, hoursOf(participation, { date }));

    expectGraphQLError(result, 'BAD_USER_INPUT', 'input.date');
    expect(await stored(participation)).toEqual({ status: 'ACCEPTED', logs: [] });
  });

  it.each(['', '   ', 'x'])(
    'refuses the activity "%s" as BAD_USER_INPUT on input.activity',
    async (activity) => {
      const participation = await aJoinedParticipation();

      const result = await subgraph.run(LOG_HOURS, hoursOf(participation, { activity }));

      expectGraphQLError(result, 'BAD_USER_INPUT', 'input.activity');
    },
  );

  it.each<ParticipationStatus>(['APPLIED', 'WITHDRAWN', 'COMPLETED'])(
    'refuses hours of a %s participation as CONFLICT on input.participationId',
    async (status) => {
      const participation = await aJoinedParticipation({ status });

      const result = await subgraph.run(LOG_HOURS, hoursOf(participation));

      expectGraphQLError(result, 'CONFLICT', 'input.participationId');
      expect(await stored(participation)).toEqual({ status, logs: [] });
    },
  );

  it.each([
    ['an unknown participation', randomUUID()],
    ['a garbage id', 'P-1'],
  ])('answers NOT_FOUND on input.participationId for %s', async (_, participationId) => {
    const result = await subgraph.run(LOG_HOURS, {
      input: { participationId, date: '2026-04-12', hours: 1, activity: 'Work' },
    });

    expectGraphQLError(result, 'NOT_FOUND', 'input.participationId');
  });

  it('allows 24 hours in one day across logs, and not one hundredth more', async () => {
    const participation = await aJoinedParticipation({ status: 'ACTIVE' });
    await succeed(subgraph, LOG_HOURS, hoursOf(participation, { hours: 10 }));
    await succeed(subgraph, LOG_HOURS, hoursOf(participation, { hours: 10 }));

    const over = await subgraph.run(LOG_HOURS, hoursOf(participation, { hours: 4.01 }));
    const exact = await succeed<HourLogView>(
      subgraph,
      LOG_HOURS,
      hoursOf(participation, { hours: 4 }),
    );
    const otherDay = await succeed<HourLogView>(
      subgraph,
      LOG_HOURS,
      hoursOf(participation, { hours: 24, date: '2026-04-13' }),
    );

    expectGraphQLError(over, 'BAD_USER_INPUT', 'input.hours');
    expect([exact.hours, otherDay.hours]).toEqual([4, 24]);
    const hoursLogged = (await stored(participation)).logs.map((l) => l.hours.toNumber());
    expect(hoursLogged.sort((a, b) => a - b)).toEqual([4, 10, 10, 24]);
  });

  it('makes an accepted participation active with its first log, and keeps it active', async () => {
    const participation = await aJoinedParticipation();

    await succeed(subgraph, LOG_HOURS, hoursOf(participation, { date: '2026-04-01' }));
    const afterFirst = await stored(participation);
    await succeed(subgraph, LOG_HOURS, hoursOf(participation, { date: '2026-04-02' }));

    expect(afterFirst.status).toBe('ACTIVE');
    expect(await stored(participation)).toMatchObject({ status: 'ACTIVE', logs: [{}, {}] });
  });

  it.each([
    ['a day already full', { hours: 1, date: '2026-05-05' }],
    ['a date before the start', { date: '2026-02-01' }],
  ])(
    'leaves an accepted participation accepted and logs nothing when refusing %s',
    async (_, input) => {
      const participation = await aJoinedParticipation();
      await anHourLog(subgraph, participation, { date: '2026-05-05', hours: 24 });
      const before = await stored(participation);

      const result = await subgraph.run(LOG_HOURS, hoursOf(participation, input));

      expectGraphQLError(result, 'BAD_USER_INPUT');
      expect(before.status).toBe('ACCEPTED');
      expect(await stored(participation)).toEqual(before);
    },
  );

  it('lists a participation’s logs most recent first', async () => {
    const participation = await aJoinedParticipation({ status: 'ACTIVE' });
    for (const date of ['2026-04-02', '2026-05-20', '2026-03-15']) {
      await anHourLog(subgraph, participation, { date });
    }

    const result = await succeed<{ hourLogs: { date: string }[] }>(
      subgraph,
      /* GraphQL */ `
        query Logs($id: ID!) {
          participation(id: $id) {
            hourLogs {
              date
            }
          }
        }
      `,
      { id: participation.id },
    );

    expect(result.hourLogs.map(({ date }) => date)).toEqual([
      '2026-05-20',
      '2026-04-02',
      '2026-03-15',
    ]);
  });
});

describe('verifying hours', () => {
  it('marks the log verified by the officer, at the current time', async () => {
    const participation = await aJoinedParticipation({ status: 'ACTIVE' });
    const log = await anHourLog(subgraph, participation, { date: '2026-04-01', hours: 3.5 });

    const verified = await succeed<HourLogView>(subgraph, VERIFY_HOURS, {
      hourLogId: log.id,
      verifiedBy: '  officer.salem@scd.gov.sa ',
    });

    const expected = {
      id: log.id,
      date: '2026-04-01',
      hours: 3.5,
      activity: log.activity,
      verified: true,
      verifiedBy: 'officer.salem@scd.gov.sa',
      verifiedAt: NOW.toISOString(),
    };
    expect(verified).toEqual(expected);
    expect((await stored(participation)).logs).toMatchObject([
      { verified: true, verifiedBy: expected.verifiedBy, verifiedAt: NOW },
    ]);
  });

  it('counts verified hours, and only those, in the participation’s total', async () => {
    const participation = await aJoinedParticipation({ status: 'ACTIVE' });
    const logs = [
      await anHourLog(subgraph, participation, { date: '2026-04-01', hours: 3.5 }),
      await anHourLog(subgraph, participation, { date: '2026-04-02', hours: 1.25 }),
      await anHourLog(subgraph, participation, { date: '2026-04-03', hours: 6 }),
    ];
    const totalHours = () =>
      succeed<{ verifiedHours: number }>(
        subgraph,
        /* GraphQL */ `
          query Total($id: ID!) {
            participation(id: $id) {
              verifiedHours
            }
          }
        `,
        { id: participation.id },
      ).then(({ verifiedHours }) => verifiedHours);

    const before = await totalHours();
    await succeed(subgraph, VERIFY_HOURS, { hourLogId: logs[0]!.id, verifiedBy: 'officer' });
    await succeed(subgraph, VERIFY_HOURS, { hourLogId: logs[2]!.id, verifiedBy: 'officer' });

    expect(before).toBe(0);
    expect(await totalHours()).toBe(3.5 + 6);
  });

  it('refuses to verify a log twice as CONFLICT and keeps the first verification', async () => {
    const participation = await aJoinedParticipation({ status: 'ACTIVE' });
    const log = await anHourLog(subgraph, participation);
    await succeed(subgraph, VERIFY_HOURS, { hourLogId: log.id, verifiedBy: 'first officer' });

    const again = await subgraph.run(VERIFY_HOURS, { hourLogId: log.id, verifiedBy: 'second' });

    expectGraphQLError(again, 'CONFLICT', 'hourLogId');
    expect((await stored(participation)).logs).toMatchObject([{ verifiedBy: 'first officer' }]);
  });

  it.each([
    ['an unknown log', randomUUID()],
    ['a garbage id', 'log-1'],
  ])('answers NOT_FOUND on hourLogId for %s', async (_, hourLogId) => {
    const result = await subgraph.run(VERIFY_HOURS, { hourLogId, verifiedBy: 'officer' });

    expectGraphQLError(result, 'NOT_FOUND', 'hourLogId');
  });

  it.each(['', '   '])(
    'refuses the officer "%s" as BAD_USER_INPUT on verifiedBy',
    async (verifiedBy) => {
      const participation = await aJoinedParticipation({ status: 'ACTIVE' });
      const log = await anHourLog(subgraph, participation);

      const result = await subgraph.run(VERIFY_HOURS, { hourLogId: log.id, verifiedBy });

      expectGraphQLError(result, 'BAD_USER_INPUT', 'verifiedBy');
      expect((await stored(participation)).logs).toEqual([log]);
    },
  );
});
