import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  ProgramDetailDocument,
  ReferenceDataDocument,
  SahemGraphQLError,
} from '../../client/src/index.ts';
import type { PersistedDocumentsMode } from '../src/trustedDocuments/persistedDocuments.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { ADMIN, startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

const MANIFEST_PATH = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);
const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
const [shippedHash, shippedText] = Object.entries(manifest).find(([, text]) =>
  text.startsWith('query ReferenceData '),
)!;
// An operation no client ships, and its APQ hash.
const ARBITRARY = '{ agencies { code sector } }';
const ARBITRARY_HASH = createHash('sha256').update(ARBITRARY).digest('hex');
const UNKNOWN_HASH = 'f'.repeat(64);

let graph: Graph;
let token: string;
const gateways = {} as Record<PersistedDocumentsMode, RunningGateway>;

/** Posts a raw GraphQL-over-HTTP body to the gateway of `mode`. */
async function post(mode: PersistedDocumentsMode, body: Record<string, unknown>) {
  const response = await fetch(gateways[mode].url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': 'pq-test',
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    ...((await response.json()) as { data?: any; errors?: any[] }),
  };
}
const byHash = (sha256Hash: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});
const codeOf = (result: { errors?: any[] }) => result.errors?.map((e) => e.extensions?.code);

beforeAll(async () => {
  graph = await startGraph();
  await loadFixture(graph);
  token = await graph.token(ADMIN);
  for (const mode of ['off', 'allow', 'enforce'] as const) {
    gateways[mode] = await startGateway(
      {
        ...graph.gatewayDeps,
        persistedDocuments: { mode, manifestPath: MANIFEST_PATH },
      },
      { port: 0 },
    );
  }
});
afterAll(async () => {
  for (const gateway of Object.values(gateways)) await gateway.stop();
  await graph?.stop();
});

const AGENCIES = ['HRSD', 'SCD', 'SEC', 'SRCA'];
const agencyCodes = (data: { agencies: { code: string }[] }) =>
  data.agencies.map((agency) => agency.code).sort();

describe('GATEWAY_PERSISTED_DOCUMENTS=allow (development default)', () => {
  it('runs a manifest operation from its hash alone', async () => {
    const result = await post('allow', byHash(shippedHash));
    expect(result.errors).toBeUndefined();
    expect(agencyCodes(result.data)).toEqual(AGENCIES);
    expect(result.data.regions).toHaveLength(13);
  });

  it('runs a manifest operation sent as full text', async () => {
    const result = await post('allow', { query: shippedText });
    expect(agencyCodes(result.data)).toEqual(AGENCIES);
  });

  it('runs any other query text', async () => {
    const result = await post('allow', { query: ARBITRARY });
    expect(result.errors).toBeUndefined();
    expect(result.data.agencies).toContainEqual({ code: 'SCD', sector: 'Public safety' });
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    expect(codeOf(await post('allow', byHash(UNKNOWN_HASH)))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });

  it('keeps Automatic Persisted Queries: register with hash and text, then hash alone', async () => {
    expect(codeOf(await post('allow', byHash(ARBITRARY_HASH)))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    const registered = await post('allow', { query: ARBITRARY, ...byHash(ARBITRARY_HASH) });
    expect(registered.errors).toBeUndefined();
    const again = await post('allow', byHash(ARBITRARY_HASH));
    expect(again.errors).toBeUndefined();
    expect(again.data.agencies).toContainEqual({ code: 'SEC', sector: 'Energy' });
  });
});

describe('GATEWAY_PERSISTED_DOCUMENTS=enforce', () => {
  it('runs a manifest operation from its hash alone (the typed client in persisted mode)', async () => {
    const client = createClient({ url: gateways.enforce.url, token, persisted: true });
    const { program } = await client.request(ProgramDetailDocument, { id: 'SCD-00001' });
    expect(program).toMatchObject({
      id: 'SCD-00001',
      title: { en: 'Riyadh flood readiness' },
      status: 'OPEN',
      agency: { code: 'SCD', name: { en: 'Civil Defense' } },
      startDate: '2026-01-01',
    });
  });

  it('runs a manifest operation sent as its exact full text', async () => {
    const data = await createClient({ url: gateways.enforce.url, token }).request(
      ReferenceDataDocument,
    );
    expect(agencyCodes(data)).toEqual(AGENCIES);
    const raw = await post('enforce', { query: shippedText });
    expect(agencyCodes(raw.data)).toEqual(AGENCIES);
  });

  it('refuses any other query text with FORBIDDEN (403), through the normal response path', async () => {
    const result = await post('enforce', { query: ARBITRARY });
    expect(result.status).toBe(403);
    expect(result.data).toBeUndefined();
    expect(codeOf(result)).toEqual(['FORBIDDEN']);
    expect(result.errors![0].message).toMatch(
      /runs only trusted documents.*persisted-documents\.json/,
    );
    expect(result.requestId).toBe('pq-test');
  });

  it('matches a full text on its normal form: formatting and field order do not matter', async () => {
    const reformatted = shippedText
      .replace('query ReferenceData {', 'query ReferenceData  {\n')
      .replace('agencies {', 'agencies  {  ');
    expect(reformatted).not.toBe(shippedText);
    expect(agencyCodes((await post('enforce', { query: reformatted })).data)).toEqual(AGENCIES);
  });

  it('refuses a text that differs from every manifest document in what it asks', async () => {
    const narrowed = shippedText.replace('majorGroup ', '');
    expect(narrowed).not.toBe(shippedText);
    const result = await post('enforce', { query: narrowed });
    expect(result.status).toBe(403);
    expect(codeOf(result)).toEqual(['FORBIDDEN']);
  });

  it('refuses introspection like any operation outside the manifest', async () => {
    expect(codeOf(await post('enforce', { query: '{ __schema { types { name } } }' }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    expect(codeOf(await post('enforce', byHash(UNKNOWN_HASH)))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });

  it('refuses to register a new document through APQ', async () => {
    const registering = await post('enforce', { query: ARBITRARY, ...byHash(ARBITRARY_HASH) });
    expect(codeOf(registering)).toEqual(['FORBIDDEN']);
    expect(registering.errors![0].message).toMatch(/registering new persisted queries is disabled/);
    expect(codeOf(await post('enforce', byHash(ARBITRARY_HASH)))).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });
});

describe('GATEWAY_PERSISTED_DOCUMENTS=off', () => {
  it('refuses hash-only requests with PERSISTED_QUERY_NOT_SUPPORTED', async () => {
    const error = await createClient({ url: gateways.off.url, token, persisted: true })
      .request(ReferenceDataDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SahemGraphQLError);
    expect((error as SahemGraphQLError).codes).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
  });

  it('runs full query texts', async () => {
    const data = await createClient({ url: gateways.off.url, token }).request(
      ReferenceDataDocument,
    );
    expect(agencyCodes(data)).toEqual(AGENCIES);
    expect((await post('off', { query: ARBITRARY })).data.agencies).toHaveLength(4);
  });
});

describe('start-up', () => {
  it('refuses to start without a readable manifest', async () => {
    await expect(
      startGateway(
        {
          ...graph.identity,
          supergraphPath: SUPERGRAPH_PATH,
          subgraphUrls: {},
          log: () => undefined,
          persistedDocuments: { mode: 'enforce', manifestPath: '/nonexistent/manifest.json' },
        },
        { port: 0 },
      ),
    ).rejects.toThrow(/GATEWAY_PERSISTED_DOCUMENTS_MANIFEST/);
  });
});
