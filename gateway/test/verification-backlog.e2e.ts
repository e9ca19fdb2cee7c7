import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// Each agency's verification backlog in a period, on one store and on one store per agency,
// worked out from the fixture alone (it records each verification on the log's own date).
const NOW = new Date('2026-06-15T10:00:00Z');
const DAY = 86_400_000;
const agencyOf = (log: (typeof fixture.hourLogs)[number]) =>
  fixture.participations[log.participation - 1]!.programId.split('-')[0]!;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The backlog of `agency` over logs dated from `first` to `last`; `verifiedOn` overrides dates. */
function backlog(agency: string, first: string, last: string, verifiedOn: Map<string, string>) {
  const logs = fixture.hourLogs
    .map((log, i) => ({ ...log, index: i, on: verifiedOn.get(String(i)) }))
    .filter((log) => agencyOf(log) === agency && log.date >= first && log.date <= last);
  const verified = logs.filter((log) => log.verified || log.on);
  const waiting = logs.filter((log) => !log.verified && !log.on);
  return {
    agencyCode: agency,
    verificationBacklog: {
      unverifiedHours: waiting.reduce((sum, log) => sum + log.hours, 0),
      unverifiedLogs: waiting.length,
      oldestPendingDate: waiting.map((log) => log.date).sort()[0] ?? null,
      verifiedLogs: verified.length,
      medianDaysToVerify: median(
        verified.map((log) => (Date.parse(log.on ?? log.date) - Date.parse(log.date)) / DAY),
      ),
    },
  };
}

const BACKLOG = /* GraphQL */ `
  query Backlog($period: String!) {
    agencyPeriods(period: $period) {
      agencyCode
      verificationBacklog {
        unverifiedHours
        unverifiedLogs
        oldestPendingDate
        verifiedLogs
        medianDaysToVerify
      }
    }
  }
`;
const AGENCIES = fixture.agencies.map((agency) => agency.code).sort();

describe.each(['shared', 'per-agency'] as const)('verification backlog (%s stores)', (agencies) => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph({ audit: false, agencies, now: () => new Date(NOW) });
    await loadFixture(graph);
  });
  afterAll(() => graph?.stop());

  const ask = async (period: string) => {
    const result = await graph.query(BACKLOG, { period });
    expect(result.errors).toBeUndefined();
    return result.data.agencyPeriods;
  };

  it("gives each agency's unverified hours and logs, oldest pending date and median days", async () => {
    const none = new Map<string, string>();
    expect(await ask('2026-Q1')).toEqual(
      AGENCIES.map((code) => backlog(code, '2026-01-01', '2026-03-31', none)),
    );
    expect(await ask('2026-Q2')).toEqual(
      AGENCIES.map((code) => backlog(code, '2026-04-01', '2026-06-30', none)),
    );
  });

  it('moves a log from waiting to verified, counting the days it waited', async () => {
    const index = fixture.hourLogs.findIndex((log) => log.date === '2026-04-11');
    const id = `SCD-00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`;
    const verified = await graph.query(
      `mutation { verifyHours(hourLogId: "${id}", verifiedBy: "officer-2") { verified } }`,
    );
    expect(verified.errors).toBeUndefined();
    const on = new Map([[String(index), '2026-06-15']]);
    const q2 = await ask('2026-Q2');
    expect(q2).toEqual(AGENCIES.map((code) => backlog(code, '2026-04-01', '2026-06-30', on)));
    // 11 April to 15 June.
    expect(q2.find((row: { agencyCode: string }) => row.agencyCode === 'SCD')).toMatchObject({
      verificationBacklog: { verifiedLogs: 1, medianDaysToVerify: 65, unverifiedLogs: 0 },
    });
  });
});

// National and regional backlogs: merged across agencies on one store per agency, the median
// from the instances' histograms of days to verify. Expected values come from the fixture and
// the logs the test adds and verifies, with days capped at 366 as the contract says.
type Log = { participation: number; date: string; hours: number; verified: boolean };
const MAX_DAYS = 366;
const programOf = (log: Log) =>
  fixture.programs.find(
    (program) => program.id === fixture.participations[log.participation - 1]!.programId,
  )!;

/** The backlog over `logs` dated from `first` to `last` that `inScope`; `verifiedOn` by index. */
function backlogOf(
  logs: readonly Log[],
  inScope: (log: Log) => boolean,
  first: string,
  last: string,
  verifiedOn: ReadonlyMap<number, string>,
) {
  const dated = logs
    .map((log, index) => ({ ...log, on: verifiedOn.get(index) }))
    .filter((log) => inScope(log) && log.date >= first && log.date <= last);
  const waiting = dated.filter((log) => !log.verified && !log.on);
  const verified = dated.filter((log) => log.verified || log.on);
  return {
    unverifiedHours: waiting.reduce((sum, log) => sum + log.hours, 0),
    unverifiedLogs: waiting.length,
    oldestPendingDate: waiting.map((log) => log.date).sort()[0] ?? null,
    verifiedLogs: verified.length,
    medianDaysToVerify: median(
      verified.map((log) =>
        Math.min(MAX_DAYS, (Date.parse(log.on ?? log.date) - Date.parse(log.date)) / DAY),
      ),
    ),
  };
}

const SPREAD = /* GraphQL */ `
  fragment Backlog on VerificationBacklog {
    unverifiedHours
    unverifiedLogs
    oldestPendingDate
    verifiedLogs
    medianDaysToVerify
  }
  query Spread($period: String!) {
    nationalPeriod(period: $period) {
      verificationBacklog {
        ...Backlog
      }
      regions {
        regionCode
        verificationBacklog {
          ...Backlog
        }
      }
    }
    riyadh: regionPeriod(regionCode: "SA-01", period: $period) {
      verificationBacklog {
        medianDaysToVerify
        oldestPendingDate
      }
    }
  }
`;

describe.each(['shared', 'per-agency'] as const)(
  'national and regional verification backlog (%s stores)',
  (agencies) => {
    let graph: Graph;
    let today = NOW;
    const logs: Log[] = fixture.hourLogs.map((log) => ({ ...log }));
    const verifiedOn = new Map<number, string>();
    beforeAll(async () => {
      graph = await startGraph({ audit: false, agencies, now: () => new Date(today) });
      await loadFixture(graph);
    });
    afterAll(() => graph?.stop());

    const expectSpread = async (period: string, first: string, last: string) => {
      const result = await graph.query(SPREAD, { period });
      expect(result.errors).toBeUndefined();
      const regions = [...new Set(fixture.programs.map((program) => program.regionCode))];
      const national = result.data.nationalPeriod;
      expect(national.verificationBacklog).toEqual(
        backlogOf(logs, () => true, first, last, verifiedOn),
      );
      for (const regionCode of regions) {
        expect(
          national.regions.find((row: { regionCode: string }) => row.regionCode === regionCode),
        ).toEqual({
          regionCode,
          verificationBacklog: backlogOf(
            logs,
            (log) => programOf(log).regionCode === regionCode,
            first,
            last,
            verifiedOn,
          ),
        });
      }
      const riyadh = backlogOf(
        logs,
        (log) => programOf(log).regionCode === 'SA-01',
        first,
        last,
        verifiedOn,
      );
      expect(result.data.riyadh.verificationBacklog).toEqual({
        medianDaysToVerify: riyadh.medianDaysToVerify,
        oldestPendingDate: riyadh.oldestPendingDate,
      });
      return national.verificationBacklog;
    };

    const logHours = async (participation: number, date: string, hours: number) => {
      const participationId = fixture.participations[participation - 1]!.id;
      const result = await graph.query(
        /* GraphQL */ `
          mutation Log($input: LogHoursInput!) {
            logHours(input: $input) {
              id
            }
          }
        `,
        { input: { participationId, date, hours, activity: 'backlog test' } },
      );
      expect(result.errors).toBeUndefined();
      logs.push({ participation, date, hours, verified: false });
      return { id: result.data.logHours.id as string, index: logs.length - 1 };
    };
    const verifyOn = async (log: { id: string; index: number }, day: string) => {
      today = new Date(`${day}T09:30:00Z`);
      const result = await graph.query(
        `mutation { verifyHours(hourLogId: "${log.id}", verifiedBy: "officer-3") { verified } }`,
      );
      expect(result.errors).toBeUndefined();
      verifiedOn.set(log.index, day);
    };

    it('adds up what waits, takes the oldest date and the median of all verified logs', async () => {
      expect(await expectSpread('2026-Q1', '2026-01-01', '2026-03-31')).toMatchObject({
        unverifiedLogs: 1,
        oldestPendingDate: '2026-03-01',
        medianDaysToVerify: 0,
      });
      expect(await expectSpread('2025', '2025-01-01', '2025-12-31')).toMatchObject({
        verifiedLogs: 1,
      });
    });

    it('takes the exact median across agencies, a year or more counted as 366 days', async () => {
      // SEC logs 4 hours on 10 March, verified on 15 June: 97 days.
      const sec = await logHours(6, '2026-03-10', 4);
      const scd = await logHours(4, '2026-03-20', 1.5);
      expect(await expectSpread('2026-03', '2026-03-01', '2026-03-31')).toMatchObject({
        unverifiedLogs: 3,
        unverifiedHours: 8.5,
        oldestPendingDate: '2026-03-01',
        verifiedLogs: 1,
        medianDaysToVerify: 0,
      });
      await verifyOn(sec, '2026-06-15');
      // SCD 0 (15 March), SEC 97: the mean of the two, one from each agency.
      expect(await expectSpread('2026-03', '2026-03-01', '2026-03-31')).toMatchObject({
        verifiedLogs: 2,
        medianDaysToVerify: 48.5,
      });
      // SCD's log of 1 March, verified on 5 March 2027 (369 days): counted as 366.
      const march = fixture.hourLogs.findIndex((log) => log.date === '2026-03-01');
      await verifyOn(
        { id: `SCD-00000000-0000-4000-9000-${String(march + 1).padStart(12, '0')}`, index: march },
        '2027-03-05',
      );
      // 0 and 366 at SCD (its own median 183), 97 at SEC: the median of all three is 97.
      expect(await expectSpread('2026-03', '2026-03-01', '2026-03-31')).toMatchObject({
        unverifiedLogs: 1,
        oldestPendingDate: '2026-03-20',
        verifiedLogs: 3,
        medianDaysToVerify: 97,
      });
      await verifyOn(scd, '2026-03-24');
      expect(await expectSpread('2026-Q1', '2026-01-01', '2026-03-31')).toMatchObject({
        unverifiedLogs: 0,
        oldestPendingDate: null,
      });
    });
  },
);
