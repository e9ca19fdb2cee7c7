import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { createDatabase, type Database, type PrismaClientClass } from './createDatabase.ts';
import { openDatabase } from './openDatabase.ts';
import { sendJson, serveHttp, type HttpService, type TlsFiles } from './serveHttp.ts';

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
  log?: (line: string) => void;
}

/** A running subgraph and everything it started. */
export interface RunningSubgraph<Client> {
  name: string;
  url: string;
  http: HttpService;
  db: Database<Client>;
  /** Stops in reverse order of start: HTTP (in-flight requests finish), pool, PostgreSQL. */
  stop(): Promise<void>;
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
  const stop = async () => {
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
        // Readiness: this replica can serve, which needs its database.
        '/ready': async (_, res) => {
          const database = await Promise.race([
            db.pool.query('SELECT 1').then(() => 'ok'),
            new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 2_000).unref()),
          ]).catch(() => 'unreachable');
          const ready = database === 'ok';
          sendJson(res, ready ? 200 : 503, {
            status: ready ? 'ready' : 'unavailable',
            subgraph: definition.name,
            database,
          });
        },
      },
    });
    stops.push(() => http.close());
    return { name: definition.name, url: `${http.url}/graphql`, http, db, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
