import { createHash } from 'node:crypto';
import type { HTTPGraphQLRequest } from '@apollo/server';

/** A request refused before Apollo Server sees it: HTTP status, stable code and message. */
export interface PersistedRequestRefusal {
  status: number;
  code: PersistedRequestErrorCode;
  message: string;
}

/** Codes of the refusals of {@link preparePersistedRequest} (all HTTP 400). */
export type PersistedRequestErrorCode =
  | 'PERSISTED_QUERY_VERSION_UNSUPPORTED'
  | 'PERSISTED_QUERY_ID_INVALID'
  | 'PERSISTED_QUERY_HASH_MISMATCH';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * Brings the ways standard clients name a persisted document to the one Apollo Server reads,
 * `extensions.persistedQuery { version: 1, sha256Hash }`, and refuses malformed ones with a 400
 * and a stable code (Apollo Server would answer some with a 400 without a code, others as not
 * found):
 * - `documentId` in the body or the query string (GraphQL over HTTP's persisted documents,
 *   Relay's network layer, the codegen client preset's documented fetcher), a bare sha256 or
 *   `sha256:<hex>`;
 * - `extensions.persistedQuery` (Apollo Client's persisted-queries link, `@sahem/client`): only
 *   version 1, a sha256 in hex, and, with a `query` beside it, the sha256 of that exact text.
 */
export function preparePersistedRequest(
  request: HTTPGraphQLRequest,
): { request: HTTPGraphQLRequest } | { refusal: PersistedRequestRefusal } {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    let extensions: unknown;
    try {
      extensions = search.has('extensions') ? JSON.parse(search.get('extensions')!) : undefined;
    } catch {
      // Apollo Server answers unparsable extensions itself, with a 400.
      return { request };
    }
    const prepared = prepare({
      documentId: search.get('documentId') ?? undefined,
      extensions,
      query: search.get('query') ?? undefined,
    });
    if ('refusal' in prepared) return prepared;
    if (prepared.extensions === undefined) return { request };
    search.delete('documentId');
    search.set('extensions', JSON.stringify(prepared.extensions));
    return { request: { ...request, search: `?${search}` } };
  }
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { request };
  const { documentId, ...rest } = body as Record<string, unknown>;
  const prepared = prepare({ documentId, extensions: rest.extensions, query: rest.query });
  if ('refusal' in prepared) return prepared;
  if (prepared.extensions === undefined) return { request };
  return { request: { ...request, body: { ...rest, extensions: prepared.extensions } } };
}

function prepare(fields: {
  documentId: unknown;
  extensions: unknown;
  query: unknown;
}): { extensions: Record<string, unknown> | undefined } | { refusal: PersistedRequestRefusal } {
  const extensions =
    typeof fields.extensions === 'object' && fields.extensions !== null
      ? (fields.extensions as Record<string, unknown>)
      : undefined;
  let persisted = extensions?.persistedQuery as Record<string, unknown> | undefined;
  if (fields.documentId !== undefined) {
    const hash = idHash(fields.documentId);
    if (!hash) {
      return refuse(
        'PERSISTED_QUERY_ID_INVALID',
        'documentId must be a sha256 hash in hex, bare or as "sha256:<hex>" (the id in persisted-documents.json).',
      );
    }
    if (persisted && persisted.sha256Hash !== hash) {
      return refuse(
        'PERSISTED_QUERY_HASH_MISMATCH',
        'documentId and extensions.persistedQuery.sha256Hash name different documents.',
      );
    }
    persisted = { version: 1, sha256Hash: hash };
  } else if (persisted === undefined) {
    return { extensions: undefined };
  }
  if (typeof persisted !== 'object' || persisted === null || persisted.version !== 1) {
    return refuse(
      'PERSISTED_QUERY_VERSION_UNSUPPORTED',
      'extensions.persistedQuery.version must be 1, the only version of the persisted query protocol.',
    );
  }
  const hash = persisted.sha256Hash;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
    return refuse(
      'PERSISTED_QUERY_ID_INVALID',
      'extensions.persistedQuery.sha256Hash must be a sha256 hash: 64 hexadecimal characters.',
    );
  }
  const sha256Hash = hash.toLowerCase();
  if (
    typeof fields.query === 'string' &&
    createHash('sha256').update(fields.query).digest('hex') !== sha256Hash
  ) {
    return refuse(
      'PERSISTED_QUERY_HASH_MISMATCH',
      'extensions.persistedQuery.sha256Hash is not the sha256 of the query text sent with it.',
    );
  }
  return { extensions: { ...extensions, persistedQuery: { ...persisted, sha256Hash } } };
}

/** The hex hash of a `documentId` (`<hex>` or `sha256:<hex>`), lowercased. */
function idHash(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const hash = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return SHA256_HEX.test(hash) ? hash.toLowerCase() : undefined;
}

function refuse(code: PersistedRequestErrorCode, message: string) {
  return { refusal: { status: 400, code, message } };
}
