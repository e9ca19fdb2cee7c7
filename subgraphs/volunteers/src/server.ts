import { readFileSync } from 'node:fs';
import {
  createSubgraphServer,
  subgraphContext,
  type CallerAuthenticator,
  type Database,
  type SubgraphDefinition,
} from '@sahem/kit';
import { PrismaClient } from './__generated__/prisma/client.ts';
import type { Context } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

/** The subgraph's folder: `schema.graphql` and `prisma/` live there. */
export const VOLUNTEERS_DIR = new URL('..', import.meta.url).pathname;
/** The SDL this subgraph serves and contributes to the supergraph. */
export const typeDefs = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** What the volunteers server depends on. */
export interface VolunteersDeps {
  db: Database<PrismaClient>;
  /** Verifies the gateway's caller token on each request. */
  authenticate: CallerAuthenticator;
  nationalIdSalt: string;
  /** @default true */
  production?: boolean;
}

/** Builds the volunteers subgraph server and its per-request context; no side effects. */
export function createServer(deps: VolunteersDeps) {
  const apollo = createSubgraphServer<Context>({
    typeDefs,
    resolvers,
    production: deps.production ?? true,
  });
  const context = subgraphContext(deps.authenticate, (base): Context => ({
    ...base,
    db: deps.db.prisma,
    loaders: createLoaders(deps.db.prisma, base.caller, base.agencies),
    nationalIdSalt: deps.nationalIdSalt,
  }));
  return { apollo, context };
}

/** The volunteers subgraph as `startSubgraph` runs it. */
export function volunteersSubgraph(
  options: Omit<VolunteersDeps, 'db'> & { seed?: (db: Database<PrismaClient>) => Promise<unknown> },
): SubgraphDefinition<PrismaClient, Context> {
  return {
    name: 'volunteers',
    dir: VOLUNTEERS_DIR,
    PrismaClient,
    createServer: (db) => createServer({ ...options, db }),
    ...(options.seed && { seed: options.seed }),
  };
}
