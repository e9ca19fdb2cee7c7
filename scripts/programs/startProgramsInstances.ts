import {
  callerTokenAuthenticator,
  startEmbeddedPostgres,
  startSubgraph,
  type AgencyRegistry,
  type PublishedKeys,
  type RunningSubgraph,
} from '@sahem/kit';
import path from 'node:path';
import type { PrismaClient } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { acceptedAudiences } from '../../subgraphs/programs/src/agencies/programsInstance.ts';
import { programsSubgraph } from '../../subgraphs/programs/src/server.ts';
import { seedProgramsStores } from '../seed/seedPrograms.ts';
import { listenPort, programsLayout, withRunningUrls } from './programsLayout.ts';

/** What {@link startProgramsInstances} needs. */
export interface ProgramsInstancesOptions {
  registry: AgencyRegistry;
  /** The gateway's live caller-token keys (one process: no JWKS fetch). */
  callerKeys: PublishedKeys;
  /**
   * An external PostgreSQL database, for a registry with one instance (today's single store).
   * @default the embedded server, a database per instance
   */
  databaseUrl?: string | undefined;
  /** Folder of the embedded data (`<dataRoot>/programs`). */
  dataRoot: string;
  /** Port of the embedded programs PostgreSQL server. */
  embeddedPort: number;
  /** Interface the instances listen on. */
  host: string;
  sketchKey: string;
  production: boolean;
  /** Seed empty databases at this scale, each with its own agencies' records; none when unset. */
  seedScale?: number | undefined;
  log: (line: string) => void;
}

/** One running instance: its name (`SCD`, `HRSD+SRCA`) and the agencies it holds. */
export type RunningProgramsInstance = RunningSubgraph<PrismaClient> & {
  instance: string;
  codes: readonly string[];
};

/** The running instances, the registry as the gateway must see it, and how to stop them. */
export interface RunningProgramsInstances {
  instances: RunningProgramsInstance[];
  /** The registry with the URLs the instances really listen on (ports `0` resolved). */
  registry: AgencyRegistry;
  /** Stops every instance, then the PostgreSQL server. */
  stop(): Promise<void>;
}

/**
 * Development's programs layout: one embedded PostgreSQL server with a database per instance,
 * and one instance per URL of the registry, each holding its agencies, verifying caller tokens
 * meant for it, seeded (when asked) with its own agencies' records only. They start side by
 * side; if one fails, those started are stopped again. The seed comes once all have started,
 * in one pass over every empty database (see {@link seedInstances}).
 */
export async function startProgramsInstances(
  options: ProgramsInstancesOptions,
): Promise<RunningProgramsInstances> {
  const layout = programsLayout(options.registry);
  const singleStore = layout.length === 1;
  if (options.databaseUrl && !singleStore) {
    throw new Error(
      `PROGRAMS_DATABASE_URL names one database, but the agency registry has ${layout.length} programs instances, each with a database of its own: unset it (each instance then gets a database of the embedded server), or run the instances apart (README, "Adding an agency").`,
    );
  }
  const server = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(options.dataRoot, 'programs'),
        port: options.embeddedPort,
      });
  if (server) options.log(`programs: embedded PostgreSQL on port ${server.port}`);
  const started: RunningProgramsInstance[] = [];
  const stop = async () => {
    for (const running of started.splice(0).reverse()) await running.stop();
    await server?.stop();
  };
  try {
    const settled = await Promise.allSettled(
      layout.map(async ({ config, url, database }) => {
        await server?.ensureDatabase(database);
        const running = await startSubgraph(
          programsSubgraph({
            authenticate: callerTokenAuthenticator(options.callerKeys, {
              audience: acceptedAudiences(config),
            }),
            production: options.production,
            instance: config,
            sketchKey: options.sketchKey,
          }),
          {
            port: listenPort(url),
            host: options.host,
            databaseUrl: options.databaseUrl ?? server!.url(database),
            embeddedPort: options.embeddedPort,
            log: options.log,
          },
        );
        const named = Object.assign(running, { instance: config.name, codes: config.codes });
        started.push(named);
        return named;
      }),
    );
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    if (options.seedScale !== undefined)
      await seedInstances(started, options.seedScale, options.log);
    const byName = new Map(started.map((running) => [running.instance, running.url]));
    return {
      instances: layout.map(({ config }) => started.find((r) => r.instance === config.name)!),
      registry: withRunningUrls(options.registry, (name) => byName.get(name)!),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Seeds the empty databases of `instances` together: the seed plans every agency's rows whatever
 * a database keeps, so one plan for all (`seedProgramsStores`) costs what one instance's seed
 * did, where a seed per instance planned it once per instance. It runs after the instances
 * listen, which is safe: each database is seeded in one transaction, invisible until it ends,
 * and nothing calls them before this function's caller starts the gateway.
 */
async function seedInstances(
  instances: readonly RunningProgramsInstance[],
  scale: number,
  log: (line: string) => void,
): Promise<void> {
  const reports = await seedProgramsStores(
    instances.map((running) => ({ db: running.db, agencies: running.codes })),
    { scale },
  );
  reports.forEach((report, i) => {
    // The demo seed has records for its four agencies only.
    if (report.seeded && report.rows.Program! > 0)
      log(`programs ${instances[i]!.instance}: seeded ${JSON.stringify(report.rows)}`);
  });
}
