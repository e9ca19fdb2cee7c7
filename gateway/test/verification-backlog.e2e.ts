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
