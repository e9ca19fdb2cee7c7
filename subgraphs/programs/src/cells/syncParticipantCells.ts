import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../__generated__/prisma/client.ts';
import { IDS_PER_REQUEST, PARTICIPANT_CELLS_DOCUMENT } from './participantCellsDocument.ts';
import { CellAnswerError, validateCellAnswer, type CellValues } from './validateCellAnswer.ts';

/** What {@link syncParticipantCells} needs. */
export interface CellSyncOptions {
  /** The gateway's GraphQL endpoint (`https://…/graphql`). */
  gatewayUrl: string;
  /**
   * The service bearer tokens of the agencies this instance holds, read before every run (so a
   * token the identity provider renews is picked up): one per agency, since a token of one
   * agency sees only that agency's participants.
   */
  tokens: () => Promise<readonly string[]>;
  prisma: PrismaClient;
  /** The agencies this instance holds: only their participants get cells. */
  agencies: readonly string[];
  /** Participants refreshed per run, those without a cell first, then the oldest. @default 500 */
  batchSize?: number;
  /** How long one request to the gateway may take. @default 30000 */
  requestTimeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** @default () => new Date() */
  now?: () => Date;
}

/** What one run did. */
export interface CellSyncReport {
  /** Participants whose values were asked for. */
  asked: number;
  /** Cells written (new or refreshed). */
  upserted: number;
  /** Asked, but no token of this instance may see them (or the register has no values). */
  withheld: number;
  /** Cells removed: their volunteer has no participation left in this instance's agencies. */
  deleted: number;
}

/** The gateway could not be asked (down, refusing the token, timing out). */
export class CellSyncError extends Error {
  override name = 'CellSyncError';
}

/**
 * The token file holds no token (or is not there): the sync has nobody to ask as, which is how
 * a deployment without the identity provider's secret runs (README, "Participant cells").
 */
export class NoServiceTokenError extends CellSyncError {
  override name = 'NoServiceTokenError';
}

/**
 * One run of the cell sync: removes the cells of volunteers who no longer take part in this
 * instance's agencies (withdrawn everywhere here), picks participants lacking a cell and those
 * synced longest ago (at most `batchSize`, see {@link dueParticipants}), asks the national
 * graph for their gender and birth year as the agency (pages of 100, one token after another
 * for those the previous one may not see), checks every answer
 * ({@link validateCellAnswer}) and writes the cells in one statement. The gateway's rules
 * decide what is given; nothing is stored unless every answer of the run read right, so a
 * refused answer changes nothing and the next run asks again.
 */
export async function syncParticipantCells(options: CellSyncOptions): Promise<CellSyncReport> {
  const { prisma, agencies } = options;
  const now = options.now ?? (() => new Date());
  const agencyList = [...agencies];
  // The cells of volunteers who withdrew everywhere here (or whose rows were removed) go first,
  // so a run that fails later still forgets what the instance no longer has a reason to keep.
  // A withdrawn participation does not count: the register's row rule (`agencyCodes`) no longer
  // lets the agency see that volunteer's personal fields either.
  const deleted = await prisma.$executeRaw`
    DELETE FROM "ParticipantCell" c
     WHERE NOT EXISTS (
       SELECT 1 FROM "Participation" p JOIN "Program" g ON g.id = p."programId"
        WHERE p."volunteerId" = c."volunteerId" AND p.status <> 'WITHDRAWN'
          AND g."agencyCode" = ANY(${agencyList}::text[]))`;
  const ids = await dueParticipants(prisma, agencyList, options.batchSize ?? 500);
  const tokens = ids.length > 0 ? await options.tokens() : [];
  if (ids.length > 0 && tokens.length === 0)
    throw new NoServiceTokenError('no service token to ask with');
  const cells: CellValues[] = [];
  let withheld = 0;
  for (let from = 0; from < ids.length; from += IDS_PER_REQUEST) {
    let pending = ids.slice(from, from + IDS_PER_REQUEST);
    for (const token of tokens) {
      if (pending.length === 0) break;
      const answer = validateCellAnswer(pending, await ask(options, token, pending), now());
      cells.push(...answer.cells);
      pending = answer.withheld;
    }
    withheld += pending.length;
  }
  const upserted = cells.length > 0 ? await upsertCells(prisma, cells, now()) : 0;
  return { asked: ids.length, upserted, withheld, deleted };
}

/**
 * The participants to ask for this run: those without a cell and those whose cell is oldest.
 * Those without a cell take at most half the batch when there are cells to refresh, in an order
 * drawn anew every run: a volunteer the register keeps withholding (gone from it, say) would
 * otherwise hold the front of the queue for ever, and with more of them than a batch no cell
 * would ever be refreshed again.
 */
async function dueParticipants(
  prisma: PrismaClient,
  agencies: string[],
  batchSize: number,
): Promise<string[]> {
  const held = Prisma.sql`
    SELECT DISTINCT p."volunteerId"
      FROM "Participation" p JOIN "Program" g ON g.id = p."programId"
     WHERE p.status <> 'WITHDRAWN' AND g."agencyCode" = ANY(${agencies}::text[])`;
  const [missing, oldest] = await Promise.all([
    prisma.$queryRaw<{ volunteerId: string }[]>`
      SELECT held."volunteerId" FROM (${held}) AS held
       WHERE NOT EXISTS (SELECT 1 FROM "ParticipantCell" c
                          WHERE c."volunteerId" = held."volunteerId")
       ORDER BY md5(held."volunteerId" || ${randomUUID()}) LIMIT ${batchSize}`,
    prisma.$queryRaw<{ volunteerId: string }[]>`
      SELECT c."volunteerId" FROM "ParticipantCell" c
       WHERE c."volunteerId" IN (${held})
       ORDER BY c."syncedAt", c."volunteerId" LIMIT ${batchSize}`,
  ]);
  const missingQuota = Math.max(batchSize - oldest.length, Math.ceil(batchSize / 2));
  const chosen = missing.slice(0, missingQuota);
  chosen.push(...oldest.slice(0, batchSize - chosen.length));
  return chosen.map((row) => row.volunteerId);
}

/** Posts one page of the question; the parsed body, or {@link CellSyncError}. */
async function ask(options: CellSyncOptions, token: string, ids: string[]): Promise<unknown> {
  const fetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        operationName: 'ParticipantCells',
        query: PARTICIPANT_CELLS_DOCUMENT,
        variables: { ids, first: ids.length },
      }),
      signal: AbortSignal.timeout(options.requestTimeoutMs ?? 30_000),
    });
  } catch (error) {
    throw new CellSyncError(
      `the gateway at ${options.gatewayUrl} could not be reached: ${(error as Error).message}`,
    );
  }
  const text = await boundedText(response);
  if (!response.ok) {
    throw new CellSyncError(`the gateway answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CellAnswerError('the answer is not JSON');
  }
}

/**
 * An answer of 100 volunteers' three fields is a few kilobytes; what the gateway (or whatever
 * answers at its URL) sends beyond this is refused rather than buffered.
 */
export const MAX_ANSWER_BYTES = 1 << 20;

/** The body as text; {@link CellAnswerError} once it passes {@link MAX_ANSWER_BYTES}. */
async function boundedText(response: Response): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    // Leaving the loop by the throw cancels the stream: the rest is never read.
    if (size > MAX_ANSWER_BYTES) {
      throw new CellAnswerError(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes `cells` in one statement: one array parameter per column, back into rows by `unnest`. */
function upsertCells(prisma: PrismaClient, cells: CellValues[], syncedAt: Date): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO "ParticipantCell" ("volunteerId", gender, "birthYear", "syncedAt")
    SELECT v.id, v.gender, v.year, ${syncedAt}::timestamptz
      FROM unnest(${cells.map((cell) => cell.volunteerId)}::text[],
                  ${cells.map((cell) => cell.gender)}::"ParticipantGender"[],
                  ${cells.map((cell) => cell.birthYear)}::int[]) AS v(id, gender, year)
    ON CONFLICT ("volunteerId") DO UPDATE
      SET gender = EXCLUDED.gender, "birthYear" = EXCLUDED."birthYear", "syncedAt" = EXCLUDED."syncedAt"`;
}
