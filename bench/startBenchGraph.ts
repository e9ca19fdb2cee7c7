import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import {
  callerAudience,
  createDatabase,
  freePort,
  instanceName,
  migrate,
  signingKeyFromJwk,
  type Database,
  type PrismaClientClass,
  startEmbeddedPostgres,
  type SigningKey,
} from '@sahem/kit';
import { GATEWAY_MIGRATIONS } from '../gateway/src/audit/openAuditDatabase.ts';
import { signDemoToken } from '../gateway/src/auth/demoTokens.ts';
import { seedIndicators, seedProgramsStores, seedVolunteers } from '../scripts/seed/index.ts';
import { PrismaClient as IndicatorsClient } from '../subgraphs/indicators/src/__generated__/prisma/client.ts';
import { INDICATORS_DIR } from '../subgraphs/indicators/src/server.ts';
import { PrismaClient as ProgramsClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PROGRAMS_DIR } from '../subgraphs/programs/src/server.ts';
import { PrismaClient as VolunteersClient } from '../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { VOLUNTEERS_DIR } from '../subgraphs/volunteers/src/server.ts';
import { createStopStack, type StopStack } from './createStopStack.ts';
import { pickVariables, type WorkloadVariables } from './data/pickVariables.ts';
import { pinToCpu, type CpuPlan } from './measure/pinToCpu.ts';
import { processTree, readProcStats } from './measure/processCpu.ts';
import type { BenchBundles } from './processes/bundleBenchProcesses.ts';
import { nodeArgs, type ProfileOptions } from './processes/nodeArgs.ts';
import { httpProbe, spawnBenchProcess, type BenchProcess } from './processes/spawnBenchProcess.ts';
import { benchManifest, type BenchOperation } from './scenarios.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SUPERGRAPH = path.join(ROOT, 'schema', 'supergraph.graphql');
const AGENCIES = path.join(ROOT, 'schema', 'agencies.json');
const MANIFEST = path.join(ROOT, 'client', 'src', '__generated__', 'persisted-documents.json');
const SALT = 'bench-salt';
/** The bench's identity provider: what Sahem's gateway requires of bearer tokens. */
export const BENCH_ISSUER = { issuer: 'https://idp.bench', audience: 'sahem-bench' };

/** How the programs contract is served. */
export type AgencyLayout = 'shared' | 'per-agency';

/** Milliseconds each start-up phase took, one after the other. */
export interface StartupTimings {
  postgresMs: number;
  migrateMs: number;
  /** Seeding every database, with `per-agency` each agency's programs database too. */
  seedMs: number;
  /** Spawning the subgraph processes until each answers `/health`. */
  subgraphsMs: number;
}

/** A subgraph process and where it answers. */
export interface RunningSubgraphProcess extends BenchProcess {
  url: string;
  /** SQL statements it has sent to its database so far. */
  statements(): Promise<number>;
}

/** A PostgreSQL cluster the bench started. */
export interface BenchPostgres {
  /** The postmaster: its tree's CPU time is the cluster's. */
  pid: number;
  url(database: string): string;
}

/** Everything the gateways under test share: the same subgraphs, supergraph, keys and data. */
export interface BenchGraph {
  dir: string;
  layout: AgencyLayout;
  /** Every subgraph process: volunteers, indicators, the shared programs instance, and one per agency. */
  subgraphs: RunningSubgraphProcess[];
  bundles: BenchBundles;
  /** The subgraphs' databases. */
  postgres: BenchPostgres;
  /** The gateway's own database (Sahem's audit trail), a cluster of its own so its cost is Sahem's. */
  auditPostgres: BenchPostgres;
  files: {
    /** The committed supergraph with the URLs of this run's subgraphs (programs: the shared instance). */
    supergraph: string;
    /** The agency registry routing to one instance per agency (`per-agency` only). */
    agenciesPerAgency?: string;
    /** The agency registry with every agency on the shared instance. */
    agenciesShared: string;
    /** The client's trusted documents plus the bench's own operations. */
    manifest: string;
    /** The gateway's private caller-token key (JWK). */
    gatewayKey: string;
  };
  /** The identity provider's key set, served over HTTP as in production. */
  jwksUrl: string;
  /** `Bearer …` headers of distinct platform admins, used in turn. */
  authorizations: string[];
  variables: WorkloadVariables;
  /** Where the single-subgraph lookup is sent when it is called directly. */
  directUrls: { volunteers: string };
  startup: StartupTimings;
  /** The environment of Sahem's own processes on top of {@link baseEnv}: metrics, tracing, log level. */
  sahemEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** Options of {@link startBenchGraph}. */
export interface BenchGraphOptions {
  scale: number;
  /** Depth of the seeded history (`SeedOptions.history`). @default 1 */
  history?: number;
  layout: AgencyLayout;
  operations: Iterable<BenchOperation>;
  /** The compiled processes (`bundleBenchProcesses`). */
  bundles: BenchBundles;
  /** Distinct callers whose tokens the requests carry in turn. @default 64 */
  callers?: number;
  cpu?: CpuPlan | undefined;
  profile?: ProfileOptions | undefined;
  /** Smaller pools of variables for tiny data (`--smoke`). */
  minDeployable?: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Metrics and tracing in Sahem's processes (its gateway and the subgraphs). @default metrics on, no tracing */
  observability?: Observability;
  /** Settings of the subgraphs' cluster on top of the defaults (`--sql-stats`). */
  postgresSettings?: readonly string[];
}

/** What Sahem's processes keep besides answering (`--metrics`, `--tracing`). */
export interface Observability {
  metrics: boolean;
  /** Where spans go by OTLP/HTTP; no tracing when unset. */
  otlpEndpoint?: string | undefined;
}

/**
 * Starts what every gateway under test is measured against, on 127.0.0.1 and ports the kernel
 * picks, with its data in a temporary folder (`.data/` and a running `npm start` are left
 * alone): an embedded PostgreSQL cluster for the subgraphs and one for Sahem's audit trail,
 * migrated and seeded at `scale` and `history`; with `per-agency`, a programs database per
 * agency holding that agency's rows only; and each subgraph as a process of its own, pinned to
 * the non-gateway core. Aborting stops whatever has started; so does `stop`.
 */
export async function startBenchGraph(options: BenchGraphOptions): Promise<BenchGraph> {
  const log = options.log ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const { own, stop } = createStopStack(log);
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  try {
    return await Promise.race([launch(options, own, stop, log, signal), aborted]);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function launch(
  options: BenchGraphOptions,
  own: StopStack['own'],
  stop: () => Promise<void>,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<BenchGraph> {
  let last = performance.now();
  const lap = () => {
    const elapsed = performance.now() - last;
    last += elapsed;
    return elapsed;
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sahem-bench-'));
  // Last resort when the process ends without stopping (a crash): the kit stops PostgreSQL on
  // `exit`, this deletes its data.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  own(async () => {
    process.removeListener('exit', removeDir);
    await rm(dir, { recursive: true, force: true });
  });

  const cluster = async (name: string, settings?: readonly string[]) => {
    const dataDir = path.join(dir, name);
    const server = await startEmbeddedPostgres({
      dataDir,
      port: 0,
      ephemeral: true,
      ...(settings && { settings }),
    });
    own(() => server.stop());
    const pidLine = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    return { server, postgres: { pid: Number(pidLine), url: server.url } satisfies BenchPostgres };
  };
  const [data, audit] = await Promise.all([
    cluster('pg', options.postgresSettings),
    cluster('pg-audit'),
  ]);
  const registry = JSON.parse(await readFile(AGENCIES, 'utf8')) as {
    subgraph: string;
    agencies: { code: string; url: string }[];
  };
  const codes = registry.agencies.map((agency) => agency.code).sort();
  const agencyDatabase = (code: string) => `programs_${code.toLowerCase()}`;
  // The programs database holding every agency (the peers', `sahem-shared`'s and the variables'
  // source), and with `per-agency` one database per agency holding that agency's rows only.
  const programsStores: { database: string; agencies?: string[] }[] = [
    { database: 'programs' },
    ...(options.layout === 'per-agency'
      ? codes.map((code) => ({ database: agencyDatabase(code), agencies: [code] }))
      : []),
  ];
  for (const name of ['volunteers', 'indicators', ...programsStores.map((s) => s.database)])
    await data.server.ensureDatabase(name);
  await audit.server.ensureDatabase('gateway');
  const postgresMs = lap();
  signal.throwIfAborted();

  const programsMigrations = path.join(PROGRAMS_DIR, 'prisma', 'migrations');
  await Promise.all([
    migrate(data.server.url('volunteers'), path.join(VOLUNTEERS_DIR, 'prisma', 'migrations')),
    ...programsStores.map((store) => migrate(data.server.url(store.database), programsMigrations)),
    migrate(data.server.url('indicators'), path.join(INDICATORS_DIR, 'prisma', 'migrations')),
    migrate(audit.server.url('gateway'), GATEWAY_MIGRATIONS),
  ]);
  const migrateMs = lap();
  signal.throwIfAborted();

  const { scale, history = 1 } = options;
  log(`seeding at scale ${scale}, history ${history}…`);
  const seeded = async <C extends { $disconnect(): Promise<void> }>(
    Client: PrismaClientClass<C>,
    url: string,
    seed: (db: Database<C>) => Promise<unknown>,
  ) => {
    const db = createDatabase(Client, { url });
    try {
      await seed(db);
    } finally {
      await db.close();
    }
  };
  // Every programs database is seeded in one pass, as `npm run seed` seeds one per agency: the
  // plan is made once and each database gets its agencies' rows by COPY. (Copying the whole
  // database per agency and deleting the others' rows took minutes per agency at the national
  // size: millions of deletes through foreign keys and triggers.)
  const seedProgramsDatabases = async () => {
    const dbs = programsStores.map((store) => ({
      db: createDatabase(ProgramsClient, { url: data.server.url(store.database) }),
      ...(store.agencies ? { agencies: store.agencies } : {}),
    }));
    try {
      await seedProgramsStores(dbs, { scale, history });
    } finally {
      await Promise.all(dbs.map(({ db }) => db.close()));
    }
  };
  await Promise.all([
    seeded(VolunteersClient, data.server.url('volunteers'), (db) =>
      seedVolunteers(db, { scale, history, nationalIdSalt: SALT }),
    ),
    seedProgramsDatabases(),
    seeded(IndicatorsClient, data.server.url('indicators'), (db) =>
      seedIndicators(db, { scale, history }),
    ),
  ]);
  const seedMs = lap();
  signal.throwIfAborted();

  const variables = await pickVariables(
    { volunteers: data.server.url('volunteers'), programs: data.server.url('programs') },
    options.minDeployable === undefined ? {} : { minDeployable: options.minDeployable },
  );

  // The gateway's caller-token key: Sahem's gateway reads the private JWK from a file, the
  // subgraphs get the public half.
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const gatewayJwk: JWK = {
    ...(await exportJWK(privateKey)),
    kid: 'bench-gateway',
    alg: 'ES256',
    use: 'sig',
  };
  const gatewayKey = await signingKeyFromJwk(gatewayJwk);
  const gatewayKeyFile = path.join(dir, 'gateway.jwk.json');
  await writeFile(gatewayKeyFile, JSON.stringify(gatewayJwk), { mode: 0o600 });
  const issuer = await signingKeyFromJwk({
    ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)),
    kid: 'bench-idp',
    alg: 'ES256',
    use: 'sig',
  });
  const jwksUrl = await serveJwks(issuer, own);
  const authorizations = await Promise.all(
    Array.from({ length: options.callers ?? 64 }, async (_, i) => {
      const subject = `bench-admin-${String(i + 1).padStart(3, '0')}`;
      return `Bearer ${await signDemoToken({ role: 'platform_admin', subject }, issuer, BENCH_ISSUER)}`;
    }),
  );

  const plans: {
    label: string;
    subgraph: string;
    database: string;
    audience: string;
    agencies?: string;
  }[] = [
    {
      label: 'volunteers',
      subgraph: 'volunteers',
      database: 'volunteers',
      audience: callerAudience('volunteers'),
    },
    {
      label: 'indicators',
      subgraph: 'indicators',
      database: 'indicators',
      audience: callerAudience('indicators'),
    },
    // One instance holding every agency: what the peers (and `sahem-shared`) route to.
    {
      label: 'programs',
      subgraph: 'programs',
      database: 'programs',
      audience: callerAudience('programs'),
    },
  ];
  if (options.layout === 'per-agency') {
    for (const code of codes) {
      plans.push({
        label: `programs:${code}`,
        subgraph: 'programs',
        database: agencyDatabase(code),
        audience: callerAudience('programs', instanceName([code])),
        agencies: code,
      });
    }
  }
  const sahem = sahemEnv(options.observability ?? { metrics: true });
  const subgraphs = await Promise.all(
    plans.map(async (plan): Promise<RunningSubgraphProcess> => {
      const port = await freePort();
      const statsPort = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      const child = await spawnBenchProcess({
        name: plan.label,
        command: process.execPath,
        args: [...nodeArgs(options.profile), options.bundles.subgraph],
        cwd: ROOT,
        env: {
          ...baseEnv(options.profile, plan.label),
          ...sahem,
          BENCH_SUBGRAPH: plan.subgraph,
          BENCH_LABEL: plan.label,
          BENCH_PORT: String(port),
          BENCH_DATABASE_URL: data.server.url(plan.database),
          BENCH_AUDIENCE: plan.audience,
          BENCH_CALLER_JWKS: JSON.stringify([gatewayKey.publicJwk]),
          BENCH_NATIONAL_ID_SALT: SALT,
          BENCH_STATS_PORT: String(statsPort),
          ...(plan.agencies && { BENCH_PROGRAMS_AGENCIES: plan.agencies }),
        },
        // The statistics port opens once the instance has warmed (its sketches at national
        // size: seconds).
        ready: httpProbe(`http://127.0.0.1:${statsPort}/stats`),
        timeoutMs: 600_000,
      });
      own(() => child.stop());
      const statements = async () => {
        const response = await fetch(`http://127.0.0.1:${statsPort}/stats`);
        return ((await response.json()) as { statements: number }).statements;
      };
      return { ...child, url, statements };
    }),
  );
  if (options.cpu) {
    for (const subgraph of subgraphs) await pinToCpu(subgraph.pid, options.cpu.rest);
    for (const cluster of [data, audit]) await pinTree(cluster.postgres.pid, options.cpu.rest);
  }
  const subgraphsMs = lap();
  signal.throwIfAborted();

  const urlOf = (label: string) => subgraphs.find((subgraph) => subgraph.name === label)!.url;
  const supergraph = path.join(dir, 'supergraph.graphql');
  await writeFile(
    supergraph,
    withSubgraphUrls(await readFile(SUPERGRAPH, 'utf8'), {
      volunteers: urlOf('volunteers'),
      indicators: urlOf('indicators'),
      programs: urlOf('programs'),
    }),
  );
  const writeRegistry = async (file: string, url: (code: string) => string) => {
    await writeFile(
      file,
      JSON.stringify({
        ...registry,
        agencies: registry.agencies.map((agency) => ({ ...agency, url: url(agency.code) })),
      }),
    );
    return file;
  };
  const agenciesShared = await writeRegistry(path.join(dir, 'agencies-shared.json'), () =>
    urlOf('programs'),
  );
  const agenciesPerAgency =
    options.layout === 'per-agency'
      ? await writeRegistry(path.join(dir, 'agencies-per-agency.json'), (code) =>
          urlOf(`programs:${code}`),
        )
      : undefined;
  const manifest = path.join(dir, 'persisted-documents.json');
  await writeFile(
    manifest,
    JSON.stringify(
      benchManifest(
        JSON.parse(await readFile(MANIFEST, 'utf8')) as Record<string, string>,
        options.operations,
      ),
    ),
  );

  return {
    dir,
    layout: options.layout,
    bundles: options.bundles,
    subgraphs,
    postgres: data.postgres,
    auditPostgres: audit.postgres,
    files: {
      supergraph,
      ...(agenciesPerAgency && { agenciesPerAgency }),
      agenciesShared,
      manifest,
      gatewayKey: gatewayKeyFile,
    },
    jwksUrl,
    authorizations,
    variables,
    directUrls: { volunteers: urlOf('volunteers') },
    startup: { postgresMs, migrateMs, seedMs, subgraphsMs },
    sahemEnv: sahem,
    stop,
  };
}

/** The environment every process the bench starts gets: nothing of the developer's shell. */
export function baseEnv(profile: ProfileOptions | undefined, name: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'production',
    // @apollo/gateway would otherwise report usage to Apollo and probe cloud metadata endpoints.
    APOLLO_TELEMETRY_DISABLED: 'true',
    ...(profile && { BENCH_PROFILE_DIR: profile.dir, BENCH_PROFILE_NAME: name }),
  };
}

/**
 * The environment of Sahem's processes: metrics on or off (`SAHEM_METRICS`), tracing exported
 * by OTLP when an endpoint is given, and the request log at `warn`: one pino line per request is
 * production's, but here its lines would be read (and kept) by the bench process, on the load
 * generator's core; errors and warnings are still written.
 */
export function sahemEnv(observability: Observability): Record<string, string> {
  return {
    SAHEM_METRICS: String(observability.metrics),
    SAHEM_LOG_LEVEL: 'warn',
    ...(observability.otlpEndpoint && {
      OTEL_EXPORTER_OTLP_ENDPOINT: observability.otlpEndpoint,
      // The exporter's default, named so that the run does not depend on the SDK's.
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    }),
  };
}

/** The supergraph with each named subgraph's URL replaced (`join__graph(name:, url:)`). */
export function withSubgraphUrls(supergraph: string, urls: Record<string, string>): string {
  const seen = new Set<string>();
  const rewritten = supergraph.replace(
    /(@join__graph\(name: "([^"]+)", url: ")([^"]*)(")/g,
    (whole, head: string, name: string, _url: string, tail: string) => {
      const url = urls[name];
      if (!url) return whole;
      seen.add(name);
      return `${head}${url}${tail}`;
    },
  );
  const missing = Object.keys(urls).filter((name) => !seen.has(name));
  if (missing.length > 0) throw new Error(`the supergraph has no subgraph ${missing.join(', ')}`);
  return rewritten;
}

/** Serves the identity provider's public key set on an ephemeral port, as production's would. */
async function serveJwks(issuer: SigningKey, own: StopStack['own']): Promise<string> {
  const body = JSON.stringify({ keys: [issuer.publicJwk] });
  const server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  own(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
}

/** Pins a PostgreSQL postmaster and the processes it has already forked. */
async function pinTree(pid: number, cpu: number): Promise<void> {
  for (const stat of processTree(await readProcStats(), pid)) {
    await pinToCpu(stat.pid, cpu).catch(() => undefined);
  }
}
