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
export const PROGRAMS_DIR = new URL('..', import.meta.url).pathname;
/** The SDL this subgraph serves and contributes to the supergraph. */
export const typeDefs = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

/** What the programs server depends on. */
export interface ProgramsDeps {
  db: Database<PrismaClient>;
  /** Verifies the gateway's caller token on each request. */
  authenticate: CallerAuthenticator;
  /** The clock; tests pin "today" with it. @default () => new Date() */
  now?: () => Date;
  /** @default true */
  production?: boolean;
}

/** Builds the programs subgraph server and its per-request context; no side effects. */
export function createServer(deps: ProgramsDeps) {
  const apollo = createSubgraphServer<Context>({
    typeDefs,
    resolvers,
    production: deps.production ?? true,
  });
  const now = deps.now ?? (() => new Date());
  const context = subgraphContext(deps.authenticate, (base): Context => ({
    ...base,
    db: deps.db.prisma,
    loaders: createLoaders(deps.db.prisma, base.caller, base.agencies, now),
    now,
  }));
  return { apollo, context };
}

/** The programs subgraph as `startSubgraph` runs it. */
export function programsSubgraph(
  options: Omit<ProgramsDeps, 'db'> & { seed?: (db: Database<PrismaClient>) => Promise<unknown> },
): SubgraphDefinition<PrismaClient, Context> {
  return {
    name: 'programs',
    dir: PROGRAMS_DIR,
    PrismaClient,
    createServer: (db) => createServer({ ...options, db }),
    ...(options.seed && { seed: options.seed }),
  };
}
