import { createHash } from 'node:crypto';
import type { Caller } from '../auth/caller.ts';
import { BAD_USER_INPUT, CONFLICT } from '../errors.ts';

/** Raw SQL in the transaction of the write: any subgraph's Prisma transaction client. */
export interface RawSql {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** One write a client may retry. */
export interface IdempotentWrite<T> {
  /** The key the client sent (`input.idempotencyKey`); without one, the write simply runs. */
  key: string | null | undefined;
  /** Keys belong to their caller: two callers never see each other's results. */
  caller: Caller;
  /** The mutation, e.g. `registerVolunteer`: a key is scoped to one kind of write. */
  operation: string;
  /** The input as received; a retry must send the same (the key itself aside). */
  input: Record<string, unknown>;
  /** Does the write, in the same transaction; returns the record it created. */
  write(): Promise<T>;
  /** The id of the record `write` returned. */
  idOf(result: T): string;
  /** Loads the record a first attempt created, for a retry. */
  find(id: string): Promise<T | null>;
}

/** Keys a client may send: a UUID, or any 1–128 letters, digits and `._:-`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Runs `write` once per idempotency key, inside the caller's transaction (`tx`): the key is
 * claimed first (`INSERT … ON CONFLICT DO NOTHING`, which waits for a concurrent attempt with
 * the same key to commit or roll back), the record is written, and the key remembers its id,
 * all in one transaction, so a write that is rolled back (an error, the caller's deadline)
 * leaves no key behind and a retry runs it afresh. A retry of a committed write returns the
 * record the first attempt made and writes nothing; the same key with other input is a
 * CONFLICT. Keys are kept at least 24 hours (older ones are removed as new ones arrive).
 */
export async function idempotentWrite<T>(tx: RawSql, spec: IdempotentWrite<T>): Promise<T> {
  if (spec.key == null) return spec.write();
  if (!IDEMPOTENCY_KEY.test(spec.key)) {
    throw BAD_USER_INPUT.err(
      'An idempotency key is 1 to 128 letters, digits and ._:- (a UUID, say).',
      { field: 'input.idempotencyKey' },
    );
  }
  const scope = spec.caller.subject ?? `role:${spec.caller.role}`;
  const hash = inputHash(spec.input);
  const claimed = await tx.$queryRaw<{ claimed: number }[]>`
    INSERT INTO "IdempotencyKey" ("scope", "operation", "key", "requestHash")
    VALUES (${scope}, ${spec.operation}, ${spec.key}, ${hash})
    ON CONFLICT DO NOTHING
    RETURNING 1 AS claimed`;
  if (claimed.length === 0) return replay(tx, spec, scope, hash);
  const result = await spec.write();
  await tx.$queryRaw`
    UPDATE "IdempotencyKey" SET "resultId" = ${spec.idOf(result)}
     WHERE "scope" = ${scope} AND "operation" = ${spec.operation} AND "key" = ${spec.key}`;
  // A few expired keys at a time, skipping rows another write holds: never a wait.
  await tx.$queryRaw`
    DELETE FROM "IdempotencyKey" WHERE ctid IN (
      SELECT ctid FROM "IdempotencyKey" WHERE "createdAt" < now() - interval '1 day'
       LIMIT 100 FOR UPDATE SKIP LOCKED)`;
  return result;
}

/** The first attempt's record, for a retry with the same key. */
async function replay<T>(
  tx: RawSql,
  spec: IdempotentWrite<T>,
  scope: string,
  hash: string,
): Promise<T> {
  const [first] = await tx.$queryRaw<{ requestHash: string; resultId: string | null }[]>`
    SELECT "requestHash", "resultId" FROM "IdempotencyKey"
     WHERE "scope" = ${scope} AND "operation" = ${spec.operation} AND "key" = ${spec.key}`;
  if (first && first.requestHash !== hash) {
    throw CONFLICT.err('This idempotency key was already used for a different request.', {
      field: 'input.idempotencyKey',
    });
  }
  const result = first?.resultId ? await spec.find(first.resultId) : null;
  if (!result) {
    throw CONFLICT.err('The write made with this idempotency key no longer exists.', {
      field: 'input.idempotencyKey',
    });
  }
  return result;
}

/** SHA-256 of the input without its key, as coerced by GraphQL (fields in schema order). */
function inputHash(input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('base64url');
}
