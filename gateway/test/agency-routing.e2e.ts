import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyRegistry, type AgencyRegistry } from '@sahem/kit';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { fixture, loadFixture } from './support/fixture.ts';
import { startRecordingProxy, type RecordingProxy } from './support/recordingProxy.ts';
import { ADMIN, startGraph, type Graph } from './support/startGraph.ts';

// The same fixture twice: once in one shared store, once with each agency's records in its own
// instance and database. Through the gateway, both must answer alike, and each agency's
// instance must see only what is its own.
let shared: Graph;
let split: Graph;
let watched: RunningGateway;
const proxies = new Map<string, RecordingProxy>();
const tokens = new Map<string, string>();

beforeAll(async () => {
  [shared, split] = await Promise.all([
    startGraph({ audit: false, now: () => new Date('2026-06-30T12:00:00Z') }),
    startGraph({
      audit: false,
      agencies: 'per-agency',
      now: () => new Date('2026-06-30T12:00:00Z'),
    }),
  ]);
  await Promise.all([loadFixture(shared), loadFixture(split)]);
  tokens.set(shared.gateway.url, await shared.token(ADMIN));
  tokens.set(split.gateway.url, await split.token(ADMIN));
  // A gateway over the split graph whose every instance is reached through a recording proxy.
  for (const instance of split.programsInstances) {
    proxies.set(instance.name, await startRecordingProxy(instance.subgraph.url));
  }
  const registry: AgencyRegistry = agencyRegistry({
    subgraph: 'programs',
    agencies: split.registry.agencies.map((agency) => ({
      ...agency,
      url: proxies.get(split.registry.instanceOf(agency.code)!.name)!.url,
    })),
  });
  watched = await startGateway({ ...split.gatewayDeps, agencies: registry }, { port: 0 });
  tokens.set(watched.url, tokens.get(split.gateway.url)!);
});
afterAll(async () => {
  await watched?.stop();
  for (const proxy of proxies.values()) await proxy.close();
  await shared?.stop();
  await split?.stop();
});

const ask = async (url: string, query: string, variables?: Record<string, unknown>) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(url)}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
};
/** Requests each instance received while `work` ran, by instance. */
async function recorded(work: () => Promise<unknown>) {
  const before = new Map([...proxies].map(([name, proxy]) => [name, proxy.bodies.length]));
  await work();
  return new Map(
    [...proxies].map(([name, proxy]) => [
      name,
      proxy.bodies
        .slice(before.get(name))
        .map((body) => JSON.parse(body) as { query: string; variables?: any }),
    ]),
  );
}

describe('the same answers from one store and from one instance per agency', () => {
  it.each([
    ['the agencies, in code order', '{ agencies { code name { en } sector } }'],
    [
      'one program (its owner only)',
      '{ program(id: "SRCA-00001") { id title { en } agency { code } status } }',
    ],
    [
      'programs of one agency',
      '{ programs(filter: { agencyCode: "SCD" }, first: 50) { totalCount edges { node { id } } } }',
    ],
    [
      'every program, across agencies',
      '{ programs(first: 50) { totalCount edges { cursor node { id agency { code } } } pageInfo { hasNextPage } } }',
    ],
    [
      'a volunteer’s participations across agencies, newest first, and hours summed',
      '{ volunteer(id: "V-0000001") { id participations { role program { id } } verifiedHours verifiedHoursBySkill { skillCode hours } agencyCodes } }',
    ],
    [
      // The team lead comes from the program's owner, but their hours and other programs are
      // in every agency's store: the gateway completes them from every instance.
      'a program’s team leads with their hours and programs in every agency',
      '{ program(id: "SCD-00001") { teamLeads { volunteer { id verifiedHours verifiedHoursBySkill { skillCode hours } participations { program { id agency { code } } } } } } }',
    ],
    [
      'volunteers with their programs in every agency (entities fanned out)',
      '{ volunteers(first: 20) { edges { node { id participations { program { id } } verifiedHours } } } }',
    ],
  ])('%s', async (_, query) => {
    const [one, many] = await Promise.all([
      ask(shared.gateway.url, query),
      ask(split.gateway.url, query),
    ]);
    expect(one.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(many.data).toEqual(one.data);
  });

  it('pages a connection to its end across instances, as one store does', async () => {
    const page = async (url: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const result = await ask(
          url,
          'query ($after: String) { programs(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { after },
        );
        ids.push(...result.data.programs.edges.map((edge: any) => edge.node.id));
        if (!result.data.programs.pageInfo.hasNextPage) break;
        after = result.data.programs.pageInfo.endCursor;
      }
      return ids;
    };
    const [one, many] = await Promise.all([page(shared.gateway.url), page(split.gateway.url)]);
    expect(many).toEqual(one);
    expect(many).toEqual(fixture.programs.map((program) => program.id).sort());
  });
});

describe('routing by owner', () => {
  it('sends a program only to the instance of its agency', async () => {
    const sent = await recorded(() =>
      ask(watched.url, '{ program(id: "SCD-00001") { id title { en } } }'),
    );
    expect(sent.get('SCD')).toHaveLength(1);
    for (const name of ['HRSD', 'SEC', 'SRCA']) expect(sent.get(name)).toEqual([]);
  });

  it('sends each instance only its own entity representations, in one request', async () => {
    const sent = await recorded(() =>
      ask(
        watched.url,
        '{ volunteers(first: 20) { edges { node { id participations { program { id agency { code } } } } } } }',
      ),
    );
    // Volunteers span agencies: each instance gets the representations once, in one request.
    for (const [, requests] of sent) {
      const entityRequests = requests.filter((request) => request.query.includes('_entities'));
      expect(entityRequests).toHaveLength(1);
    }
  });

  it('never sends a mutation to a second instance', async () => {
    const sent = await recorded(() =>
      ask(
        watched.url,
        'mutation { updateProgram(id: "SEC-00001", input: { capacity: 11 }) { id capacity } }',
      ),
    );
    expect(sent.get('SEC')?.filter((request) => request.query.startsWith('mutation'))).toHaveLength(
      1,
    );
    for (const name of ['HRSD', 'SCD', 'SRCA']) {
      expect(sent.get(name)?.filter((request) => request.query.startsWith('mutation'))).toEqual([]);
    }
  });

  it('answers a program of an agency nobody registered with null, asking no instance', async () => {
    const sent = await recorded(async () => {
      const result = await ask(watched.url, '{ program(id: "XYZ-00001") { id } }');
      expect(result.data).toEqual({ program: null });
    });
    for (const requests of sent.values()) expect(requests).toEqual([]);
  });
});
