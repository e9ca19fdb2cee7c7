import { createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAudience, callerTokenAuthenticator, requestDigest } from '@sahem/kit';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy.ts';
import { startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let graph: Graph;
let proxy: RecordingProxy;
let gateway: RunningGateway;

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  graph = await startGraph();
  await loadFixture(graph);
  // A second gateway whose programs subgraph is reached through a recording proxy.
  proxy = await startRecordingProxy(graph.programs.url);
  gateway = await startGateway(
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
    },
    { port: 0 },
  );
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.close();
  await graph?.stop();
});

describe('what the gateway sends to subgraphs', () => {
  it('sends a caller token for this subgraph and this request, and the request id, never the bearer token', async () => {
    const authorization = `Bearer ${await graph.token({ role: 'agency_officer', subject: 'scd-7', agency: 'SCD' })}`;
    const response = await post(
      { query: '{ program(id: "SCD-00001") { id } }' },
      { authorization, 'x-request-id': 'req-42' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(((await response.json()) as any).data.program.id).toBe('SCD-00001');
    const sent = proxy.requests.at(-1)!;
    expect(sent.authorization).toBeUndefined();
    expect(sent['x-sahem-ticket']).toBeUndefined();
    expect(sent['x-request-id']).toBe('req-42');
    const caller = await callerTokenAuthenticator(
      createLocalJWKSet({ keys: [graph.keys.gateway.publicJwk] }),
      { audience: callerAudience('programs') },
    )({ token: sent['x-sahem-caller'] as string, digest: requestDigest(proxy.bodies.at(-1)!) });
    expect(caller).toMatchObject({ subject: 'scd-7', role: 'agency_officer', agency: 'SCD' });
  });

  it('generates a request id when the client sends none (or a malformed one)', async () => {
    const response = await post(
      { query: '{ agencies { code } }' },
      { 'x-request-id': 'bad id with spaces' },
    );
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(proxy.requests.at(-1)!['x-request-id']).toBe(id);
    expect(proxy.requests.at(-1)!.authorization).toBeUndefined();
  });

  it('keeps connections to a subgraph alive across requests', async () => {
    const before = proxy.connections;
    const requestsBefore = proxy.requests.length;
    for (let i = 0; i < 20; i++) await (await post({ query: '{ agencies { code } }' })).json();
    expect(proxy.requests.length - requestsBefore).toBe(20);
    expect(proxy.connections - before).toBeLessThanOrEqual(1);
  });
});

describe('health and readiness', () => {
  it('answers /health and, with every subgraph up, /ready', async () => {
    const base = gateway.http.url;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: {
        // Each with its circuit breaker (see hung-subgraph.e2e.ts).
        volunteers: { url: graph.volunteers.url, status: 'ok', breaker: 'closed' },
        programs: { url: proxy.url, status: 'ok', breaker: 'closed' },
        indicators: { url: graph.indicators.url, status: 'ok', breaker: 'closed' },
      },
      // This gateway was given no audit log, and says so.
      audit: 'off',
    });
  });

  it('reports a stopped subgraph on /ready, stays ready (degraded), and still serves the rest of a query', async () => {
    await proxy.close();
    const ready = await fetch(`${gateway.http.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      degraded: true,
      subgraphs: {
        volunteers: { status: 'ok' },
        programs: { url: proxy.url, status: 'unreachable' },
        indicators: { status: 'ok' },
      },
    });
    const response = await post({
      query: '{ volunteer(id: "V-0000001") { fullName participations { id } } }',
    });
    const result = (await response.json()) as any;
    expect(result.data).toEqual({ volunteer: null });
    expect(result.errors?.length).toBeGreaterThan(0);
  });
});
