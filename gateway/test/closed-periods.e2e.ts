import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// Closing a period through the gateway, in one store and in one store per agency: each
// agency's close goes to its own instance, and the national figures of the period stand.
const NOW = new Date('2026-06-15T10:00:00Z');
const AGENCIES = fixture.agencies.map((agency) => agency.code).sort();

/** Verified hours of the fixture dated from `first` to `last`, from the fixture alone. */
const fixtureHours = (first: string, last: string, verified = true) =>
  fixture.hourLogs
    .filter((log) => log.verified === verified && log.date >= first && log.date <= last)
    .reduce((sum, log) => sum + log.hours, 0);

const CLOSE_EVERY_AGENCY = /* GraphQL */ `
  mutation CloseQ1 {
    ${AGENCIES.map((code) => `${code}: closePeriod(agencyCode: "${code}", period: "2026-Q1") { agencyCode closedAt }`).join('\n')}
  }
`;

const NATIONAL = /* GraphQL */ `
  query National($period: String!) {
    nationalPeriod(period: $period) {
      verifiedHours
      closedAgencies
      hoursVerifiedAfterClose
      coverage {
        included
        excluded
      }
      regions {
        regionCode
        verifiedHours
        hoursVerifiedAfterClose
      }
    }
  }
`;

describe.each(['shared', 'per-agency'] as const)('closing 2026-Q1 (%s stores)', (agencies) => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph({ audit: false, agencies, now: () => new Date(NOW) });
    await loadFixture(graph);
  });
  afterAll(() => graph?.stop());

  const national = async (period: string) => {
    const result = await graph.query(NATIONAL, { period });
    expect(result.errors).toBeUndefined();
    return result.data.nationalPeriod;
  };

  it('is for platform admins only', async () => {
    const analyst = `Bearer ${await graph.token({ role: 'analyst', subject: 'analyst-e2e' })}`;
    const result = await graph.query(CLOSE_EVERY_AGENCY, {}, { authorization: analyst });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await national('2026-Q1')).closedAgencies).toEqual([]);
  });

  it('closes each agency in its own store, in one request', async () => {
    const open = await national('2026-Q1');
    expect(open.verifiedHours).toBe(fixtureHours('2026-01-01', '2026-03-31'));
    const result = await graph.query(CLOSE_EVERY_AGENCY);
    expect(result.errors).toBeUndefined();
    for (const code of AGENCIES) {
      expect(result.data[code]).toEqual({ agencyCode: code, closedAt: NOW.toISOString() });
    }
    expect(await national('2026-Q1')).toEqual({ ...open, closedAgencies: AGENCIES });
  });

  it('keeps the national figures when Q1 hours are verified late', async () => {
    const closed = await national('2026-Q1');
    // The fixture's unverified log of 1 March (3 hours, Civil Defense).
    const index = fixture.hourLogs.findIndex((log) => log.date === '2026-03-01');
    const id = `SCD-00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`;
    const verified = await graph.query(
      `mutation { verifyHours(hourLogId: "${id}", verifiedBy: "officer-2") { verified } }`,
    );
    expect(verified.errors).toBeUndefined();
    const late = fixture.hourLogs[index]!.hours;
    const now = await national('2026-Q1');
    expect(now).toEqual({
      ...closed,
      hoursVerifiedAfterClose: late,
      regions: closed.regions.map((region: { regionCode: string }) =>
        region.regionCode === 'SA-01' ? { ...region, hoursVerifiedAfterClose: late } : region,
      ),
    });
    // The open year does not count them either: it adds up to its quarters.
    expect((await national('2026')).verifiedHours).toBe(fixtureHours('2026-01-01', '2026-12-31'));
  });
});
