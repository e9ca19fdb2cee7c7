import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy.ts';
import { startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

// Gateways whose programs subgraph is reached over a slow link (a recording proxy that holds
// each request 300 ms), so that requests sent together are in flight together.
let graph: Graph;
let proxy: RecordingProxy;
let deduplicating: RunningGateway;
let plain: RunningGateway;

const PROGRAM = '{ program(id: "SCD-00001") { id title { en } } }';

async function gatewayOverProxy(dedup: boolean) {
  return startGateway(
    {
      ...graph.identity,
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: {
        volunteers: graph.volunteers.url,
        programs: proxy.url,
        indicators: graph.indicators.url,
      },
      production: false,
      log: () => undefined,
      // Counted per response, not per fetch: keep the cache out of what is measured here.
      responseCache: { ttlMs: 0 },
      dedup,
    },
    { port: 0 },
  );
}

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  await loadFixture(graph);
  proxy = await startRecordingProxy(graph.programs.url, { delayMs: 300 });
  deduplicating = await gatewayOverProxy(true);
  plain = await gatewayOverProxy(false);
});
afterAll(async () => {
  await deduplicating?.stop();
  await plain?.stop();
  await proxy?.close();
  await graph?.stop();
});

const post = async (gateway: RunningGateway, query: string, authorization: string) => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
};

/** The programs fetches sent while `work` ran. */
async function fetchesDuring(work: () => Promise<unknown>): Promise<string[]> {
  const before = proxy.bodies.length;
  await work();
  return proxy.bodies.slice(before).filter((body) => body.includes('SCD-00001'));
}

const bearer = async (identity: Parameters<Graph['token']>[0]) =>
  `Bearer ${await graph.token(identity)}`;

describe('in-flight de-duplication of subgraph fetches', () => {
  it('two identical requests of one caller in flight together cause one subgraph fetch, and both get the answer', async () => {
    const officer = await bearer({ role: 'agency_officer', subject: 'scd-1', agency: 'SCD' });
    let answers: unknown[] = [];
    const sent = await fetchesDuring(async () => {
      answers = await Promise.all([
        post(deduplicating, PROGRAM, officer),
        post(deduplicating, PROGRAM, officer),
      ]);
    });
    expect(sent).toHaveLength(1);
    const expected = { data: { program: { id: 'SCD-00001', title: { en: expect.any(String) } } } };
    expect(answers).toEqual([expected, expected]);
  });

  it('callers of different visibility never share a fetch', async () => {
    const identities = [
      { role: 'agency_officer', subject: 'scd-1', agency: 'SCD' },
      // Same role and agency, another person: subgraphs may answer by subject.
      { role: 'agency_officer', subject: 'scd-2', agency: 'SCD' },
      { role: 'agency_officer', subject: 'scd-1', agency: 'SEC' },
      { role: 'analyst', subject: 'scd-1' },
    ] as const;
    const tokens = await Promise.all(identities.map((identity) => bearer(identity)));
    const sent = await fetchesDuring(() =>
      Promise.all(tokens.map((token) => post(deduplicating, PROGRAM, token))),
    );
    expect(sent).toHaveLength(identities.length);
  });

  it('requests one after the other each send their own fetch: nothing is kept once answered', async () => {
    const officer = await bearer({ role: 'agency_officer', subject: 'scd-1', agency: 'SCD' });
    const sent = await fetchesDuring(async () => {
      await post(deduplicating, PROGRAM, officer);
      await post(deduplicating, PROGRAM, officer);
    });
    expect(sent).toHaveLength(2);
  });

  it('never shares a mutation: identical mutations in flight together are each sent', async () => {
    const officer = await bearer({ role: 'agency_officer', subject: 'scd-1', agency: 'SCD' });
    // A mutation that changes nothing: the log does not exist (NOT_FOUND), sent twice at once.
    const mutation =
      'mutation { verifyHours(hourLogId: "SCD-00001-missing", verifiedBy: "o") { id } }';
    const before = proxy.bodies.length;
    const answers = await Promise.all([
      post(deduplicating, mutation, officer),
      post(deduplicating, mutation, officer),
    ]);
    const sent = proxy.bodies.slice(before).filter((body) => body.includes('SCD-00001-missing'));
    expect(sent).toHaveLength(2);
    for (const answer of answers) expect(answer.errors).toBeDefined();
  });

  it('with GATEWAY_DEDUP off, identical requests in flight together each send their own fetch', async () => {
    const officer = await bearer({ role: 'agency_officer', subject: 'scd-1', agency: 'SCD' });
    const sent = await fetchesDuring(() =>
      Promise.all([post(plain, PROGRAM, officer), post(plain, PROGRAM, officer)]),
    );
    expect(sent).toHaveLength(2);
  });
});
