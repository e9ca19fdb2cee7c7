import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { getOperationAST } from 'graphql';
import { GraphQLClient } from 'graphql-request';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgramDetailDocument, ReferenceDataDocument } from '../../client/src/index.ts';
import { createAuditLog } from '../src/audit/createAuditLog.ts';
import type { PersistedDocumentsMode } from '../src/trustedDocuments/persistedDocuments.ts';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { ADMIN, startGraph, type Graph } from './support/startGraph.ts';

// The clients frontend teams use, each configured as the README says, against gateways that run
// trusted documents only: codegen's client preset in persisted mode, Apollo Client's
// persisted-queries link (with the codegen manifest and with an Apollo persisted query list),
// Relay-style `documentId`, and graphql-request sending full text.
const MANIFEST_PATH = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);
const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
const dir = mkdtempSync(path.join(tmpdir(), 'sahem-trusted-'));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hashOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;
// A document may start with the fragments it uses (`fragment BreakdownCellFields …`).
const nameOf = (text: string) => /(?:^|[\s}])(?:query|mutation) (\w+)/.exec(text)![1]!;
const kindOf = (text: string) =>
  /(?:^|[\s}])mutation \w+/.test(text) ? ('mutation' as const) : ('query' as const);
const AGENCIES = ['HRSD', 'SCD', 'SEC', 'SRCA'];

/** The same manifest in Apollo's persisted query list format. */
const APOLLO_LIST = path.join(dir, 'persisted-query-manifest.json');
writeFileSync(
  APOLLO_LIST,
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: Object.entries(manifest).map(([id, body]) => ({
      id,
      name: nameOf(body),
      type: kindOf(body),
      body,
    })),
  }),
);

let graph: Graph;
let token: string;
let enforce: RunningGateway;
let apolloList: RunningGateway;
let allow: RunningGateway;

/** Bodies a client sent, recorded by the fetch it was given. */
function recordingFetch() {
  const bodies: Record<string, any>[] = [];
  const fetcher: typeof fetch = (input, init) => {
    if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body));
    return fetch(input, init);
  };
  return { fetcher, bodies };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    ...((await response.json()) as { data?: any; errors?: any[] }),
  };
}
const codes = (result: { errors?: any[] }) => result.errors?.map((e) => e.extensions?.code);

async function gatewayWith(mode: PersistedDocumentsMode, manifestPath: string) {
  return startGateway(
    { ...graph.gatewayDeps, persistedDocuments: { mode, manifestPath } },
    { port: 0 },
  );
}

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  await loadFixture(graph);
  token = await graph.token(ADMIN);
  enforce = await gatewayWith('enforce', MANIFEST_PATH);
  apolloList = await gatewayWith('enforce', APOLLO_LIST);
  allow = await gatewayWith('allow', MANIFEST_PATH);
});
afterAll(async () => {
  for (const gateway of [enforce, apolloList, allow]) await gateway?.stop();
  await graph?.stop();
});

describe('standard clients against GATEWAY_PERSISTED_DOCUMENTS=enforce', () => {
  it('codegen client preset, persisted mode: documentId "sha256:<hash>" from the document', async () => {
    const result = await post(enforce.url, {
      documentId: `sha256:${hashOf(ProgramDetailDocument)}`,
      variables: { id: 'SCD-00001' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.program).toMatchObject({ id: 'SCD-00001', agency: { code: 'SCD' } });
  });

  it('Relay-style documentId (bare hash), by POST and by GET', async () => {
    const id = hashOf(ProgramDetailDocument);
    const posted = await post(enforce.url, {
      documentId: id,
      query: null,
      variables: { id: 'SCD-00001' },
    });
    expect(posted.data.program.id).toBe('SCD-00001');
    const search = new URLSearchParams({
      documentId: id,
      variables: JSON.stringify({ id: 'SCD-00001' }),
    });
    const got = await fetch(`${enforce.url}?${search}`, {
      // Apollo Server's CSRF prevention wants a header no HTML form can send on a GET.
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(got.status).toBe(200);
    expect(((await got.json()) as any).data.program.id).toBe('SCD-00001');
  });

  it('graphql-request sending the full text, printed its own way, is matched on the normal form', async () => {
    const { fetcher, bodies } = recordingFetch();
    const client = new GraphQLClient(enforce.url, {
      headers: { authorization: `Bearer ${token}` },
      fetch: fetcher,
    });
    const data = await client.request(ProgramDetailDocument, { id: 'SCD-00001' });
    expect(data.program!.id).toBe('SCD-00001');
    // It sent graphql-js print(), not the manifest's bytes.
    expect(bodies[0]!.query).toContain('\n');
    expect(Object.values(manifest)).not.toContain(bodies[0]!.query);
  });

  it("Apollo Client's persisted-queries link (own sha256, __typename added): text once, then hash only", async () => {
    const { fetcher, bodies } = recordingFetch();
    const client = () =>
      new ApolloClient({
        link: new PersistedQueryLink({ sha256 }).concat(
          new HttpLink({
            uri: enforce.url,
            headers: { authorization: `Bearer ${token}` },
            fetch: fetcher,
          }),
        ),
        cache: new InMemoryCache(),
      });
    const first = await client().query({ query: ReferenceDataDocument, fetchPolicy: 'no-cache' });
    expect(first.data!.agencies.map((a) => a.code).sort()).toEqual(AGENCIES);
    // Its hash is not the manifest's (it prints the document itself and adds __typename), so
    // the gateway asked for the text, matched it on its normal form and now knows the hash.
    expect(bodies.map((body) => body.query === undefined)).toEqual([true, false]);
    expect(bodies[1]!.query).toContain('__typename');
    const again = await client().query({ query: ReferenceDataDocument, fetchPolicy: 'no-cache' });
    expect(again.data!.agencies).toHaveLength(4);
    expect(bodies).toHaveLength(3);
    expect(bodies[2]!.query).toBeUndefined();
    expect(bodies[2]!.extensions.persistedQuery.sha256Hash).toBe(
      bodies[0]!.extensions.persistedQuery.sha256Hash,
    );
  });

  it('Apollo Client with an Apollo persisted query list: ids from the list, hash only from the start', async () => {
    const list = JSON.parse(readFileSync(APOLLO_LIST, 'utf8')) as {
      operations: { id: string; name: string }[];
    };
    const ids = new Map(list.operations.map((operation) => [operation.name, operation.id]));
    const { fetcher, bodies } = recordingFetch();
    const client = new ApolloClient({
      link: new PersistedQueryLink({
        // What @apollo/persisted-query-lists' generatePersistedQueryIdsFromManifest does.
        generateHash: (document) => ids.get(getOperationAST(document)!.name!.value)!,
      }).concat(
        new HttpLink({
          uri: apolloList.url,
          headers: { authorization: `Bearer ${token}` },
          fetch: fetcher,
        }),
      ),
      cache: new InMemoryCache(),
    });
    const { data } = await client.query({
      query: ProgramDetailDocument,
      variables: { id: 'SCD-00001' },
      fetchPolicy: 'no-cache',
    });
    expect(data!.program!.id).toBe('SCD-00001');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.query).toBeUndefined();
  });

  it('an Apollo persisted query list is the whole list in enforce mode, like the codegen manifest', async () => {
    const result = await post(apolloList.url, { query: '{ agencies { code } }' });
    expect(result.status).toBe(403);
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('malformed persisted-query requests: 400 with a stable code, in every mode', () => {
  const text = '{ agencies { code } }';
  it.each([
    [
      'an unsupported protocol version',
      { extensions: { persistedQuery: { version: 2, sha256Hash: sha256(text) } } },
      'PERSISTED_QUERY_VERSION_UNSUPPORTED',
    ],
    [
      'a hash that is not a sha256',
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      'PERSISTED_QUERY_ID_INVALID',
    ],
    [
      'a documentId of another algorithm',
      { documentId: `md5:${'0'.repeat(32)}` },
      'PERSISTED_QUERY_ID_INVALID',
    ],
    [
      'a hash that does not match the text sent',
      {
        query: text,
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(`${text} `) } },
      },
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
  ])('refuses %s', async (_, body, code) => {
    for (const gateway of [enforce, allow]) {
      const result = await post(gateway.url, body);
      expect(result.status).toBe(400);
      expect(codes(result)).toEqual([code]);
    }
  });
});

it('records a refused persisted-query request in the audit trail, with its code and status', async () => {
  const audit = createAuditLog({ databaseUrl: graph.audit.databaseUrl });
  const gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      audit,
      persistedDocuments: { mode: 'enforce', manifestPath: MANIFEST_PATH },
    },
    { port: 0 },
  );
  try {
    const refused = await post(
      gateway.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'nope' } } },
      { 'x-request-id': 'pq-refused-1' },
    );
    expect(refused.status).toBe(400);
  } finally {
    await gateway.stop(); // writes what is queued
  }
  const sql = new pg.Client({ connectionString: graph.audit.databaseUrl });
  await sql.connect();
  try {
    const { rows } = await sql.query(
      'SELECT error_codes, http_status, ok, subject FROM audit_log WHERE request_id = $1',
      ['pq-refused-1'],
    );
    expect(rows).toEqual([
      { error_codes: ['PERSISTED_QUERY_ID_INVALID'], http_status: 400, ok: false, subject: null },
    ]);
  } finally {
    await sql.end();
  }
});

describe('manifest reloading', () => {
  it('puts a changed manifest in service without a restart and keeps the last good one', async () => {
    const file = path.join(dir, 'reloading.json');
    const [referenceHash, referenceText] = Object.entries(manifest).find(([, t]) =>
      t.startsWith('query ReferenceData '),
    )!;
    const [programHash, programText] = Object.entries(manifest).find(([, t]) =>
      t.startsWith('query ProgramDetail('),
    )!;
    writeFileSync(file, JSON.stringify({ [referenceHash]: referenceText }));
    const lines: string[] = [];
    const gateway = await startGateway(
      {
        ...graph.gatewayDeps,
        log: (line) => lines.push(line),
        persistedDocuments: { mode: 'enforce', manifestPath: file },
      },
      { port: 0 },
    );
    try {
      const program = { documentId: programHash, variables: { id: 'SCD-00001' } };
      expect(codes(await post(gateway.url, program))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      // Replaced as deploy tools do: a new file renamed over the old one.
      writeFileSync(
        `${file}.new`,
        JSON.stringify({ [referenceHash]: referenceText, [programHash]: programText }),
      );
      renameSync(`${file}.new`, file);
      await expect
        .poll(async () => (await post(gateway.url, program)).data?.program?.id, {
          timeout: 5_000,
        })
        .toBe('SCD-00001');
      expect(
        lines.some((line) => /trusted documents reloaded .* \(2 operations\)/.test(line)),
      ).toBe(true);
      writeFileSync(file, '{ "truncated');
      await expect
        .poll(() => lines.some((line) => line.includes('kept the previous trusted documents')), {
          timeout: 5_000,
        })
        .toBe(true);
      expect((await post(gateway.url, program)).data.program.id).toBe('SCD-00001');
    } finally {
      await gateway.stop();
    }
  });
});
