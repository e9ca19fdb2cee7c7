import { beforeAll, describe, expect, it } from 'vitest';
import { aParticipation, aProgram, anHourLog } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph({ agencies: ['SCD', 'SRCA'] });

// Logs dated in March 2026, verified after the days given (null: waiting). SCD's program is
// in Riyadh (SA-01), SRCA's in Makkah (SA-02); one wait is longer than the cap of 366 days.
const LOGS: { agency: 'SCD' | 'SRCA'; date: string; hours: number; waited: number | null }[] = [
  { agency: 'SCD', date: '2026-03-02', hours: 2, waited: 0 },
  { agency: 'SCD', date: '2026-03-03', hours: 1, waited: 5 },
  { agency: 'SCD', date: '2026-03-04', hours: 3, waited: 5 },
  { agency: 'SCD', date: '2026-03-20', hours: 4, waited: null },
  { agency: 'SRCA', date: '2026-03-05', hours: 1.5, waited: 400 },
  { agency: 'SRCA', date: '2026-03-09', hours: 2.5, waited: null },
];
const DAY = 86_400_000;

const BACKLOG = /* GraphQL */ `
  query Backlog($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on NationalPeriod {
        period
        verificationBacklog {
          ...Backlog
        }
      }
      ... on RegionPeriod {
        regionCode
        period
        verificationBacklog {
          ...Backlog
        }
      }
    }
  }
  fragment Backlog on VerificationBacklog {
    unverifiedHours
    unverifiedLogs
    oldestPendingDate
    verifiedLogs
    medianDaysToVerify
    daysToVerify {
      value
      count
    }
  }
`;

beforeAll(async () => {
  const programs = {
    SCD: await aProgram(subgraph, { id: 'SCD-00001', agencyCode: 'SCD', regionCode: 'SA-01' }),
    SRCA: await aProgram(subgraph, { id: 'SRCA-00001', agencyCode: 'SRCA', regionCode: 'SA-02' }),
  };
  for (const log of LOGS) {
    const participation = await aParticipation(subgraph, programs[log.agency], {
      status: 'ACTIVE',
    });
    const stored = await anHourLog(subgraph, participation, { date: log.date, hours: log.hours });
    if (log.waited !== null) {
      await subgraph.db.prisma.hourLog.update({
        where: { id: stored.id },
        data: {
          verified: true,
          verifiedBy: 'officer@example.sa',
          verifiedAt: new Date(Date.parse(`${log.date}T13:00:00Z`) + log.waited * DAY),
        },
      });
    }
  }
});

describe('the verification backlog of the nation and of a region', () => {
  it('gives the histogram of days to verify, capped at 366, and its median, in one statement', async () => {
    const tracked = await subgraph.db.statements.track(() =>
      subgraph.run(BACKLOG, {
        representations: [
          { __typename: 'NationalPeriod', period: '2026-03' },
          { __typename: 'NationalPeriod', period: '2026-Q1' },
        ],
      }),
    );
    const result = tracked.result;
    expect(result.errors).toBeUndefined();
    const national = {
      unverifiedHours: 6.5,
      unverifiedLogs: 2,
      oldestPendingDate: '2026-03-09',
      verifiedLogs: 4,
      // 0, 5, 5, 366: the mean of the two middle ones.
      medianDaysToVerify: 5,
      daysToVerify: [
        { value: 0, count: 1 },
        { value: 5, count: 2 },
        { value: 366, count: 1 },
      ],
    };
    expect(result.data!._entities).toEqual([
      { period: '2026-03', verificationBacklog: national },
      { period: '2026-Q1', verificationBacklog: national },
    ]);
    expect(tracked.statements).toBe(1);
  });

  it("gives a region's own, and an empty histogram where nothing was verified", async () => {
    const result = await subgraph.run(BACKLOG, {
      representations: [
        { __typename: 'RegionPeriod', regionCode: 'SA-02', period: '2026-03' },
        { __typename: 'RegionPeriod', regionCode: 'SA-02', period: '2026-04' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        regionCode: 'SA-02',
        period: '2026-03',
        verificationBacklog: {
          unverifiedHours: 2.5,
          unverifiedLogs: 1,
          oldestPendingDate: '2026-03-09',
          verifiedLogs: 1,
          medianDaysToVerify: 366,
          daysToVerify: [{ value: 366, count: 1 }],
        },
      },
      {
        regionCode: 'SA-02',
        period: '2026-04',
        verificationBacklog: {
          unverifiedHours: 0,
          unverifiedLogs: 0,
          oldestPendingDate: null,
          verifiedLogs: 0,
          medianDaysToVerify: null,
          daysToVerify: [],
        },
      },
    ]);
  });
});
