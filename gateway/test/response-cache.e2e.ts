import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// The response cache of aggregate operations, on a gateway with a staleness bound short
// enough to see it expire. What reaches the stores is counted in SQL statements.
const TTL_MS = 1_500;
const NOW = new Date('2026-06-15T10:00:00Z');
let graph: Graph;

beforeAll(async () => {
  graph = await startGraph({
    audit: false,
    now: () => new Date(NOW),
    gateway: { responseCache: { ttlMs: TTL_MS } },
  });
  await loadFixture(graph);
});
afterAll(() => graph?.stop());

const NATIONAL = /* GraphQL */ `
  query National($period: String!) {
    nationalPeriod(period: $period) {
      verifiedHours
      activeVolunteers
    }
  }
`;

async function post(query: string, variables: Record<string, unknown>, authorization?: string) {
  const response = await fetch(graph.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization:
        authorization ?? `Bearer ${await graph.token({ role: 'analyst', subject: 'a-1' })}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    cache: response.headers.get('x-sahem-cache'),
    age: response.headers.get('age'),
    body: (await response.json()) as { data?: any; errors?: any[] },
  };
}

/** The answer and the SQL statements the stores ran for it. */
async function counted(query: string, variables: Record<string, unknown>, authorization?: string) {
  let answer!: Awaited<ReturnType<typeof post>>;
  const statements = await graph.countStatements(async () => {
    answer = await post(query, variables, authorization);
  });
  return { ...answer, statements };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the response cache of aggregate operations', () => {
  it('answers the same aggregate operation again from the cache until the staleness bound, then afresh', async () => {
    const first = await counted(NATIONAL, { period: '2026' });
    expect(first.cache).toBe('miss');
    expect(first.body.errors).toBeUndefined();
    expect(first.statements).toBeGreaterThan(0);
    const second = await counted(NATIONAL, { period: '2026' });
    expect(second).toMatchObject({ cache: 'hit', age: '0', statements: 0 });
    expect(second.body).toEqual(first.body);
    // Other variables are another answer.
    expect((await post(NATIONAL, { period: '2026-Q1' })).cache).toBe('miss');
    await sleep(TTL_MS + 200);
    const expired = await counted(NATIONAL, { period: '2026' });
    expect(expired.cache).toBe('miss');
    expect(expired.statements).toBeGreaterThan(0);
    expect(expired.body).toEqual(first.body);
  });

  it('keeps callers of different visibility apart', async () => {
    const analyst = `Bearer ${await graph.token({ role: 'analyst', subject: 'a-2' })}`;
    const admin = `Bearer ${await graph.token({ role: 'platform_admin', subject: 'admin-2' })}`;
    const officer = `Bearer ${await graph.token({ role: 'agency_officer', subject: 'o-2', agency: 'SCD' })}`;
    const query = '{ agencyPeriods(period: "2026") { agencyCode verifiedHours } }';
    expect((await post(query, {}, analyst)).cache).toBe('miss');
    expect((await post(query, {}, admin)).cache).toBe('miss');
    expect((await post(query, {}, officer)).cache).toBe('miss');
    // The same person again, with the same claims, is the same visibility.
    const again = `Bearer ${await graph.token({ role: 'analyst', subject: 'a-2' })}`;
    expect((await post(query, {}, again)).cache).toBe('hit');
  });

  it('never keeps an answer with errors', async () => {
    const first = await post(NATIONAL, { period: 'not-a-period' });
    expect(first.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(first.cache).toBe('miss');
    const second = await counted(NATIONAL, { period: 'not-a-period' });
    expect(second.cache).toBe('miss');
    expect(second.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('leaves operations that are not only aggregates alone', async () => {
    const mixed = await post(
      '{ nationalPeriod(period: "2026") { verifiedHours } program(id: "SCD-00001") { id } }',
      {},
    );
    expect(mixed.body.errors).toBeUndefined();
    expect(mixed.cache).toBeNull();
  });

  it('forgets every answer when a mutation changes figures through the gateway', async () => {
    const before = await post(NATIONAL, { period: '2026' });
    expect((await post(NATIONAL, { period: '2026' })).cache).toBe('hit');
    // The fixture's unverified log of 1 March (Civil Defense), verified now.
    const index = fixture.hourLogs.findIndex((log) => log.date === '2026-03-01');
    const log = fixture.hourLogs[index]!;
    expect(log.verified).toBe(false);
    const id = `SCD-00000000-0000-4000-9000-${String(index + 1).padStart(12, '0')}`;
    const verified = await graph.query(
      `mutation { verifyHours(hourLogId: "${id}", verifiedBy: "officer-2") { verified } }`,
    );
    expect(verified.errors).toBeUndefined();
    const after = await post(NATIONAL, { period: '2026' });
    expect(after.cache).toBe('miss');
    expect(after.body.data.nationalPeriod.verifiedHours).toBe(
      before.body.data.nationalPeriod.verifiedHours + log.hours,
    );
  });
});
