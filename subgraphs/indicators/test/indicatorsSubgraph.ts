import path from 'node:path';
import { expect } from 'vitest';
import { refuseHttpCallers, useTestSubgraph, type TestSubgraph } from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { createServer, INDICATORS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(INDICATORS_DIR, 'prisma', 'migrations');

/** The instant every test server takes for "now": the last day of 2026-Q2. */
export const NOW = new Date('2026-06-30T12:00:00Z');

export type { OperationResult } from '@sahem/kit/testing';

/** The test file's indicators subgraph: its own migrated database and a started server on it. */
export type IndicatorsSubgraph = TestSubgraph<PrismaClient>;

/**
 * Gives the calling test file a migrated indicators database (catalogue and valuation table
 * 2025.1 included) and a server on it whose clock reads {@link NOW}; both go away afterwards.
 */
export function useIndicatorsSubgraph(): IndicatorsSubgraph {
  return useTestSubgraph({
    name: 'indicators',
    migrationsDir: MIGRATIONS,
    PrismaClient,
    createServer: (db) =>
      createServer({
        authenticate: refuseHttpCallers,
        db,
        production: false,
        now: () => new Date(NOW),
      }),
  });
}

/** Runs an operation that must succeed and returns its only root field. */
export async function succeed<T = any>(
  subgraph: Pick<IndicatorsSubgraph, 'run'>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await subgraph.run(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as T;
}
