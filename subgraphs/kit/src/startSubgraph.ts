import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { createDatabase, type Database, type PrismaClientClass } from './createDatabase.ts';
import { openDatabase } from './openDatabase.ts';
import { databaseProbe } from './health/databaseProbe.ts';
import { createLogger, type Logger } from './logging/createLogger.ts';
import { metricsRoute } from './observability/metricsRoute.ts';
import { requestObserver } from './observability/requestObserver.ts';
import { createServiceMetrics } from './observability/serviceMetrics.ts';
import {
  sendJson,
  serveHttp,
  type HttpService,
  type ShutdownOptions,
  type TlsFiles,
} from './serveHttp.ts';

/** The parts of a subgraph {@link startSubgraph} needs to run it. */
export interface SubgraphDefinition<Client, TContext extends BaseContext> {
  /** Short name, also the embedded database's name: `volunteers`. */
  name: string;
  /** The subgraph's folder (holding `prisma/migrations`). */
  dir: string;
  PrismaClient: PrismaClientClass<Client>;
  createServer(db: Database<Client>): {
    apollo: ApolloServer<TContext>;
    context(req: IncomingMessage): Promise<TContext>;
  };
  /**
   * Brings the database in line with the configuration at every start, after the migrations
   * and before any seed (a programs instance writes its agencies' rows).
   */
  prepare?(db: Database<Client>): Promise<unknown>;
  /** Fills an empty database with the deterministic seed data. */
  seed?(db: Database<Client>): Promise<unknown>;
  /**
   * Work that makes the first requests cheaper, started once the subgraph serves and never
   * needed for a correct answer (the programs instance fills its sketch cache): it resolves to a
   * line for the log, and gives up between steps once `signal` aborts (at stop, first).
   */
  warm?(db: Database<Client>, signal: AbortSignal): Promise<string>;
}

/** How to run one subgraph. */
export interface SubgraphRunOptions {
  port: number;
  /** External PostgreSQL; when unset an embedded server is started. */
  databaseUrl?: string | undefined;
  /** Port of the embedded PostgreSQL. */
  embeddedPort: number;
  /** Parent folder of the embedded data folders. @default '<repo>/.data' */
  dataRoot?: string;
  /** Seed an empty database. @default false */
  seed?: boolean;
  /** @default '127.0.0.1' */
  host?: string;
  /** Serve HTTPS with this certificate and key. @default plain HTTP */
  tls?: TlsFiles | undefined;
  /** How long `/ready` waits for the database to answer before it says 503. @default 1000 */
  readyTimeoutMs?: number;
  /** Serve Prometheus metrics at `/metrics`. @default true */
  metrics?: boolean;
  /** The request log (one line per request). @default a pino logger on standard output */
  logger?: Logger;
  log?: (line: string) => void;
}

/** A running subgraph and everything it started. */
export interface RunningSubgraph<Client> {
  name: string;
  url: string;
  http: HttpService;
  db: Database<Client>;
  /**
   * Settles when the definition's `warm` work has ended, done, failed (logged) or stopped: a
   * harness that counts statements or times requests waits for it. Never rejects.
   */
  warmed: Promise<void>;
  /**
   * Stops in reverse order of start: the warm-up, HTTP (`/ready` 503, the drain, in-flight requests
   * finish, see {@link ShutdownOptions}), Apollo Server, the pools, PostgreSQL.
   */
  stop(shutdown?: ShutdownOptions): Promise<void>;
}

/**
 * Database (embedded unless a URL is given), migrations, preparation, optional seed, HTTP: the start-up
 * sequence every subgraph shares, used by its `index.ts` and by `npm start`.
 */
export async function startSubgraph<
  Client extends { $disconnect(): Promise<void> },
  TContext extends BaseContext,
>(
  definition: SubgraphDefinition<Client, TContext>,
  options: SubgraphRunOptions,
): Promise<RunningSubgraph<Client>> {
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  let shutdown: ShutdownOptions = {};
  const stop = async (options: ShutdownOptions = {}) => {
    shutdown = options;
    for (const step of stops.reverse()) await step().catch((error) => log(String(error)));
    stops.length = 0;
  };
  try {
    const database = await openDatabase({
      name: definition.name,
      migrationsDir: path.join(definition.dir, 'prisma', 'migrations'),
      url: options.databaseUrl,
      dataRoot: options.dataRoot,
      embeddedPort: options.embeddedPort,
      log,
    });
    stops.push(() => database.stop());
    const db = createDatabase(definition.PrismaClient, { url: database.url });
    stops.push(() => db.close());
    if (definition.prepare) await definition.prepare(db);
    if (options.seed && definition.seed) await definition.seed(db);

    // Ready when its own database answers, within a bound.
    const probe = databaseProbe(database.url, options.readyTimeoutMs ?? 1_000);
    stops.push(() => probe.close());

    const metrics = (options.metrics ?? true) ? createServiceMetrics(definition.name) : undefined;
    metrics?.observePool('main', db.pool);
    const logger = options.logger ?? createLogger({ service: definition.name });

    const { apollo, context } = definition.createServer(db);
    await apollo.start();
    stops.push(() => apollo.stop());
    const http = await serveHttp({
      apollo,
      context,
      port: options.port,
      ...(options.host && { host: options.host }),
      ...(options.tls && { tls: options.tls }),
      routes: {
        // Liveness: the process answers.
        '/health': (_, res) => sendJson(res, 200, { status: 'ok', subgraph: definition.name }),
        ...(metrics && { '/metrics': metricsRoute(metrics.registry) }),
      },
      service: definition.name,
      observer: requestObserver({ metrics, logger }),
      readiness: async () => {
        const database = await probe.check();
        return { ready: database === 'ok', subgraph: definition.name, database };
      },
    });
    stops.push(() => http.close(shutdown));
    const warming = new AbortController();
    const warmed = definition.warm
      ? definition.warm(db, warming.signal).then(log, (error: unknown) => {
          if (!warming.signal.aborted) log(`${definition.name}: warm-up failed: ${String(error)}`);
        })
      : Promise.resolve();
    stops.push(async () => {
      warming.abort();
      await warmed;
    });
    return { name: definition.name, url: `${http.url}/graphql`, http, db, warmed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
