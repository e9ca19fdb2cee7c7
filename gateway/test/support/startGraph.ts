import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSubgraph, type RunningSubgraph } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import type { PrismaClient as IndicatorsClient } from '../../../subgraphs/indicators/src/__generated__/prisma/client.ts';
import { INDICATORS_DIR, indicatorsSubgraph } from '../../../subgraphs/indicators/src/server.ts';
import type { PrismaClient as ProgramsClient } from '../../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PROGRAMS_DIR, programsSubgraph } from '../../../subgraphs/programs/src/server.ts';
import type { PrismaClient as VolunteersClient } from '../../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { VOLUNTEERS_DIR, volunteersSubgraph } from '../../../subgraphs/volunteers/src/server.ts';
import { startGateway, type RunningGateway } from '../../src/startGateway.ts';

export const SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../../schema/supergraph.graphql', import.meta.url),
);
export const TEST_SALT = 'e2e-salt';

/** The whole graph on ephemeral ports, each subgraph on a fresh database of its own. */
export interface Graph {
  gateway: RunningGateway;
  volunteers: RunningSubgraph<VolunteersClient>;
  programs: RunningSubgraph<ProgramsClient>;
  indicators: RunningSubgraph<IndicatorsClient>;
  /** Posts an operation to the gateway and returns the parsed body. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    data?: T;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  }>;
  /** SQL statements sent to the three subgraph databases while `work` ran. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/** Options of {@link startGraph}. */
export interface GraphOptions {
  /** Supergraph file the gateway loads. @default the committed schema/supergraph.graphql */
  supergraphPath?: string;
  /** "Today" for the programs and indicators subgraphs. */
  now?: () => Date;
}

/** Starts both subgraphs and the gateway over real HTTP, as `npm start` does. */
export async function startGraph(options: GraphOptions = {}): Promise<Graph> {
  const databases: TestDatabase[] = [];
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
    for (const database of databases) await database.drop();
  };
  try {
    const [volunteersDb, programsDb, indicatorsDb] = await Promise.all([
      createTestDatabase(path.join(VOLUNTEERS_DIR, 'prisma', 'migrations')),
      createTestDatabase(path.join(PROGRAMS_DIR, 'prisma', 'migrations')),
      createTestDatabase(path.join(INDICATORS_DIR, 'prisma', 'migrations')),
    ]);
    databases.push(volunteersDb, programsDb, indicatorsDb);
    const volunteers = await startSubgraph(
      volunteersSubgraph({ nationalIdSalt: TEST_SALT, production: false }),
      {
        port: 0,
        databaseUrl: volunteersDb.url,
        embeddedPort: 0,
      },
    );
    stops.push(() => volunteers.stop());
    const programs = await startSubgraph(
      programsSubgraph({ production: false, ...(options.now && { now: options.now }) }),
      { port: 0, databaseUrl: programsDb.url, embeddedPort: 0 },
    );
    stops.push(() => programs.stop());
    const indicators = await startSubgraph(
      indicatorsSubgraph({ production: false, ...(options.now && { now: options.now }) }),
      { port: 0, databaseUrl: indicatorsDb.url, embeddedPort: 0 },
    );
    stops.push(() => indicators.stop());
    const gateway = await startGateway(
      {
        supergraphPath: options.supergraphPath ?? SUPERGRAPH_PATH,
        subgraphUrls: {
          volunteers: volunteers.url,
          programs: programs.url,
          indicators: indicators.url,
        },
        production: false,
        log: () => undefined,
      },
      { port: 0 },
    );
    stops.push(() => gateway.stop());
    return {
      gateway,
      volunteers,
      programs,
      indicators,
      async query(query, variables, headers = {}) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        });
        return response.json() as Promise<any>;
      },
      async countStatements(work) {
        const total = () =>
          volunteers.db.statements.total +
          programs.db.statements.total +
          indicators.db.statements.total;
        const before = total();
        await work();
        return total() - before;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
