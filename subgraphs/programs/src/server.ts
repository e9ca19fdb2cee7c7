import { readFileSync } from 'node:fs';
import {
  createSubgraphServer,
  DEFAULT_SMALL_CELL_THRESHOLD,
  subgraphContext,
  type CallerAuthenticator,
  type Database,
  type SubgraphDefinition,
} from '@sahem/kit';
import { PrismaClient } from './__generated__/prisma/client.ts';
import type { ProgramsInstanceConfig } from './agencies/programsInstance.ts';
import { upsertHeldAgencies } from './agencies/upsertHeldAgencies.ts';
import type { Context } from './context.ts';
import { DEVELOPMENT_SKETCH_KEY } from './distinctSketchSql.ts';
import { createLoaders } from './loaders.ts';
import { createPeriodCaches, type PeriodCaches } from './periodCaches.ts';
import { resolvers } from './resolvers/index.ts';
import { singleStoreInstance } from './shippedRegistry.ts';
import { describeWarmUp, warmPeriodSketches } from './warmPeriodSketches.ts';

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
  /**
   * The agencies this instance holds (`PROGRAMS_AGENCIES`).
   * @default every agency of the shipped registry: the single-store layout
   */
  instance?: ProgramsInstanceConfig;
  /**
   * Hashed with volunteer ids in the distinct-count sketches (`PROGRAMS_SKETCH_KEY`), the same
   * on every agency's instance. @default the development key
   */
  sketchKey?: string;
  /**
   * Characters of period sketch text kept between requests (`PROGRAMS_SKETCH_CACHE_BYTES`).
   * @default 32 MiB
   */
  sketchCacheBytes?: number;
  /** The caches kept between requests. @default new ones, the sketches' of `sketchCacheBytes` */
  caches?: PeriodCaches;
  /**
   * Breakdown cells final in this instance of fewer distinct volunteers are suppressed
   * (`SAHEM_SMALL_CELL_THRESHOLD`). @default 5
   */
  smallCellThreshold?: number;
}

/** Builds the programs subgraph server and its per-request context; no side effects. */
export function createServer(deps: ProgramsDeps) {
  const apollo = createSubgraphServer<Context>({
    typeDefs,
    resolvers,
    production: deps.production ?? true,
  });
  const now = deps.now ?? (() => new Date());
  const instance = deps.instance ?? singleStoreInstance();
  const sketchKey = deps.sketchKey ?? DEVELOPMENT_SKETCH_KEY;
  const caches = deps.caches ?? createPeriodCaches(deps.sketchCacheBytes);
  const context = subgraphContext(deps.authenticate, (base): Context => ({
    ...base,
    db: deps.db.prisma,
    loaders: createLoaders(
      deps.db.prisma,
      base.caller,
      base.agencies,
      now,
      instance,
      sketchKey,
      caches,
    ),
    now,
    instance,
    smallCellThreshold: deps.smallCellThreshold ?? DEFAULT_SMALL_CELL_THRESHOLD,
  }));
  return { apollo, context };
}

/**
 * The programs subgraph as `startSubgraph` runs it: at every start, the rows of the agencies it
 * holds are written from the registry (name, sector) before it serves; once it serves, the
 * period sketches of the nation and the regions are computed into its cache in the background
 * (`warmPeriodSketches`) unless `warmSketches` is false (`PROGRAMS_SKETCH_WARMUP`).
 */
export function programsSubgraph(
  options: Omit<ProgramsDeps, 'db'> & {
    seed?: (db: Database<PrismaClient>) => Promise<unknown>;
    /** @default true */
    warmSketches?: boolean;
  },
): SubgraphDefinition<PrismaClient, Context> {
  const instance = options.instance ?? singleStoreInstance();
  const caches = options.caches ?? createPeriodCaches(options.sketchCacheBytes);
  const sketchKey = options.sketchKey ?? DEVELOPMENT_SKETCH_KEY;
  return {
    name: 'programs',
    dir: PROGRAMS_DIR,
    PrismaClient,
    createServer: (db) => createServer({ ...options, instance, caches, db }),
    prepare: (db) => upsertHeldAgencies(db.prisma, instance.agencies),
    ...(options.seed && { seed: options.seed }),
    ...(options.warmSketches !== false && {
      warm: async (db, signal) =>
        `programs ${instance.name}: ${describeWarmUp(
          await warmPeriodSketches(db.prisma, instance.codes, sketchKey, caches.sketches, signal),
        )}`,
    }),
  };
}
