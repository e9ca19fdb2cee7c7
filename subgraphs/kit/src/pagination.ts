import { BAD_USER_INPUT } from './errors.ts';

/** Page size when a client does not ask for one. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest page a client may ask for; larger requests are refused, not truncated. */
export const MAX_PAGE_SIZE = 100;

/** A validated page request: how many rows, and the key to continue after. */
export interface PageRequest {
  take: number;
  after: string | undefined;
}

/**
 * Validates `first`/`after` of a cursor connection. Cursors are opaque to clients (base64url of
 * the row's key) so the ordering key can change without breaking them.
 */
export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
): PageRequest {
  const take = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(take) || take < 0 || take > MAX_PAGE_SIZE) {
    throw BAD_USER_INPUT.err(`first must be between 0 and ${MAX_PAGE_SIZE}; got ${take}.`, {
      field: 'first',
    });
  }
  return { take, after: after == null ? undefined : decodeCursor(after) };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:')) {
    throw BAD_USER_INPUT.err('after is not a cursor returned by this API.', { field: 'after' });
  }
  return text.slice(2);
}

/** One page of a connection, built from `take + 1` rows fetched in key order. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Builds a connection page from rows fetched with `take + 1`, the extra row telling whether a
 * next page exists without a second query.
 */
export function toConnection<T>(rows: T[], take: number, keyOf: (row: T) => string): Connection<T> {
  const page = rows.slice(0, take);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * Validates the `first` of a plain list (one without cursors): a whole number from 0 to `max`.
 * The cost estimate sizes the list by it (`@listSize(slicingArguments: ["first"])`), so the
 * subgraph must never return more: this is the bound both sides rely on.
 */
export function listLimit(first: number | null | undefined, max: number, fallback: number): number {
  const take = first ?? fallback;
  if (!Number.isInteger(take) || take < 0 || take > max) {
    throw BAD_USER_INPUT.err(`first must be between 0 and ${max}; got ${take}.`, {
      field: 'first',
    });
  }
  return take;
}
