import { createHash } from 'node:crypto';
import { HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { preparePersistedRequest } from '../src/trustedDocuments/preparePersistedRequest.ts';

const TEXT = '{ agencies { code } }';
const HASH = createHash('sha256').update(TEXT).digest('hex');
const post = (body: unknown): HTTPGraphQLRequest => ({
  method: 'POST',
  headers: new HeaderMap(),
  search: '',
  body,
});
const get = (params: Record<string, string>): HTTPGraphQLRequest => ({
  method: 'GET',
  headers: new HeaderMap(),
  search: `?${new URLSearchParams(params)}`,
  body: undefined,
});
const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('preparePersistedRequest', () => {
  it.each([
    ['a bare documentId', { documentId: HASH }],
    ['a sha256:-prefixed documentId', { documentId: `sha256:${HASH}` }],
    ['an upper-case hash', { documentId: HASH.toUpperCase() }],
    ['extensions.persistedQuery', { extensions: persisted(HASH) }],
    [
      'a documentId with the same hash in extensions',
      { documentId: HASH, extensions: persisted(HASH) },
    ],
    ['a hash with its own text', { query: TEXT, extensions: persisted(HASH) }],
  ])('brings %s to extensions.persistedQuery', (_, body) => {
    const prepared = preparePersistedRequest(post({ variables: { a: 1 }, ...body }));
    expect(prepared).toHaveProperty('request');
    const { body: rewritten } = (prepared as { request: HTTPGraphQLRequest }).request;
    expect(rewritten).toMatchObject({ variables: { a: 1 }, extensions: persisted(HASH) });
    expect(rewritten).not.toHaveProperty('documentId');
  });

  it('rewrites a GET documentId into the extensions parameter', () => {
    const prepared = preparePersistedRequest(
      get({ documentId: `sha256:${HASH}`, variables: '{}' }),
    );
    const search = new URLSearchParams(
      (prepared as { request: HTTPGraphQLRequest }).request.search,
    );
    expect(search.has('documentId')).toBe(false);
    expect(JSON.parse(search.get('extensions')!)).toEqual(persisted(HASH));
    expect(search.get('variables')).toBe('{}');
  });

  it.each([
    ['a text request', post({ query: TEXT })],
    ['a body that is not an object', post('query')],
    ['a GET text request', get({ query: TEXT })],
  ])('passes %s through unchanged', (_, request) => {
    expect(preparePersistedRequest(request)).toEqual({ request });
  });

  it.each([
    [
      'version 2',
      { extensions: { persistedQuery: { version: 2, sha256Hash: HASH } } },
      'PERSISTED_QUERY_VERSION_UNSUPPORTED',
    ],
    [
      'no version',
      { extensions: { persistedQuery: { sha256Hash: HASH } } },
      'PERSISTED_QUERY_VERSION_UNSUPPORTED',
    ],
    ['a short hash', { extensions: persisted('abc123') }, 'PERSISTED_QUERY_ID_INVALID'],
    [
      'a hash that is not hex',
      { extensions: persisted('z'.repeat(64)) },
      'PERSISTED_QUERY_ID_INVALID',
    ],
    [
      'a hash that is not a string',
      { extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } },
      'PERSISTED_QUERY_ID_INVALID',
    ],
    ['an md5 documentId', { documentId: `md5:${'a'.repeat(32)}` }, 'PERSISTED_QUERY_ID_INVALID'],
    ['a documentId that is not a string', { documentId: 7 }, 'PERSISTED_QUERY_ID_INVALID'],
    [
      'a hash of another text',
      { query: `${TEXT} `, extensions: persisted(HASH) },
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
    [
      'two different ids',
      { documentId: HASH, extensions: persisted('0'.repeat(64)) },
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
  ])('refuses %s with 400 and its code', (_, body, code) => {
    expect(preparePersistedRequest(post(body))).toEqual({
      refusal: { status: 400, code, message: expect.any(String) },
    });
  });
});
