import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAgencyRegistry, startSubgraph, type RunningSubgraph } from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import type { PrismaClient as IndicatorsClient } from '../../../subgraphs/indicators/src/__generated__/prisma/client.ts';
import { INDICATORS_DIR, indicatorsSubgraph } from '../../../subgraphs/indicators/src/server.ts';
import type { PrismaClient as ProgramsClient } from '../../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { programsInstance } from '../../../subgraphs/programs/src/agencies/programsInstance.ts';
import { PROGRAMS_DIR, programsSubgraph } from '../../../subgraphs/programs/src/server.ts';
import { SHIPPED_AGENCIES_FILE } from '../../../subgraphs/programs/src/shippedRegistry.ts';
import type { PrismaClient as VolunteersClient } from '../../../subgraphs/volunteers/src/__generated__/prisma/client.ts';
import { VOLUNTEERS_DIR, volunteersSubgraph } from '../../../subgraphs/volunteers/src/server.ts';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import {
  agencyRegistry,
  callerAudience,
  callerTokenAuthenticator,
  generateSigningKey,
  instanceName,
  type AgencyRegistry,
  type SigningKey,
} from '@sahem/kit';
import { fixture } from './fixture.ts';
import { fixedCallerKeys, type CallerKeys } from '../../src/auth/callerKeys.ts';
import {
  createAuditLog,
  type AuditLog,
  type AuditLogOptions,
} from '../../src/audit/createAuditLog.ts';
import { GATEWAY_MIGRATIONS } from '../../src/audit/openAuditDatabase.ts';
import { signDemoToken, type DemoIdentity } from '../../src/auth/demoTokens.ts';
import { bearerVerifier } from '../../src/auth/verifyBearer.ts';
import type { GatewayLimits } from '../../src/limits/GatewayLimits.ts';
import type { GatewayDeps } from '../../src/server.ts';
import { startGateway, type RunningGateway } from '../../src/startGateway.ts';

export const SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../../schema/supergraph.graphql', import.meta.url),
);
export const TEST_SALT = 'e2e-salt';
export const TEST_ISSUER = { issuer: 'https://idp.test', audience: 'sahem-test' };
/** The identity `query` uses unless told otherwise: a platform admin sees everything. */
export const ADMIN: DemoIdentity = { role: 'platform_admin', subject: 'admin-e2e' };

/** The whole graph on ephemeral ports, each subgraph on a fresh database of its own. */
export interface Graph {
  gateway: RunningGateway;
  volunteers: RunningSubgraph<VolunteersClient>;
  /** The programs instance (with `per-agency`, the first of them). */
  programs: RunningSubgraph<ProgramsClient>;
  /** Every programs instance, in registry order. */
  programsInstances: ProgramsInstanceOfGraph[];
  /** The agency registry the gateway routes by. */
  registry: AgencyRegistry;
  indicators: RunningSubgraph<IndicatorsClient>;
  /** The gateway's own database (`audit_log`), and the audit log writing to it unless disabled. */
  audit: { databaseUrl: string; log?: AuditLog };
  /** The test identity provider's key and the gateway's caller-token key. */
  keys: { issuer: SigningKey; gateway: SigningKey };
  /** What a second gateway over the same subgraphs needs to verify callers and sign for them. */
  identity: Pick<GatewayDeps, 'verifyBearer' | 'callerKeys'>;
  /** Everything a second gateway over these subgraphs needs; tests add the options they vary. */
  gatewayDeps: GatewayDeps;
  /** A bearer token the gateway accepts for `identity`. */
  token(identity: DemoIdentity): Promise<string>;
  /**
   * Posts an operation to the gateway and returns the parsed body; as a platform admin unless
   * `headers` carry an `authorization` of their own (`''` for anonymous).
   */
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
  /** Options of the gateway's audit log, or `false` for none. @default {} */
  audit?: false | Omit<AuditLogOptions, 'databaseUrl'>;
  /** Operation limits, cost budget and rate limits of the gateway. @default the production ones */
  limits?: GatewayLimits;
  /**
   * A load test: the gateway, and `gatewayDeps` for any further gateway the test starts, lift
   * the rate limits ({@link LOAD_TEST_RATE_LIMITS}) over `limits`. A load loop sends one
   * caller's requests as fast as they are answered, over production's 600 a minute on a quiet
   * machine, and the 429s would fail a test that is about something else (shutdown, reloads,
   * deadlines, coverage); the rate limiter has tests of its own (`rate-limit.e2e.ts`).
   * @default false
   */
  loadTest?: boolean;
  /**
   * The gateway's caller-token keys, and subgraphs that fetch them from the gateway's
   * `/.well-known/jwks.json` over HTTP, as deployed subgraphs do (`cooldownMs` between fetches
   * for an unknown key). @default a fixed key, handed to the subgraphs in process
   */
  callerKeys?: { keys: CallerKeys; cooldownMs: number };
  /** Databases of subgraphs on a server of the test's own (one it may freeze). @default fresh ones */
  databaseUrls?: Partial<Record<'volunteers' | 'programs' | 'indicators', string>>;
  /** Further options of the gateway (timeouts, deadlines, shutdown). */
  gateway?: Partial<GatewayDeps>;
  /** The identity provider's and the gateway's keys (tests that run gateway processes share them). @default fresh ones */
  keys?: { issuer: SigningKey; gateway: SigningKey };
  /**
   * How the agencies' programs are held: one instance for all of them (`shared`, the layout of
   * a single store), or one instance per agency, each over a database of its own (`per-agency`).
   * Either way the gateway routes through the agency registry. @default 'shared', or
   * `SAHEM_TEST_AGENCIES` (the `e2e-per-agency` test project sets `per-agency`)
   */
  agencies?: 'shared' | 'per-agency';
  /** Breakdown cells of fewer volunteers are suppressed, by the instances and the gateway. @default 5 */
  smallCellThreshold?: number;
}

const shippedRegistry = readAgencyRegistry(SHIPPED_AGENCIES_FILE, {});

/** The rate limits of a {@link GraphOptions.loadTest}: out of any test's reach, still counted. */
export const LOAD_TEST_RATE_LIMITS = Object.freeze({
  rateLimitPerMinute: 1_000_000,
  anonymousRateLimitPerMinute: 1_000_000,
} satisfies GatewayLimits);

/** One programs instance of a graph: the agencies it holds and the running subgraph. */
export interface ProgramsInstanceOfGraph {
  name: string;
  agencies: string[];
  subgraph: RunningSubgraph<ProgramsClient>;
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
    // The e2e-per-agency project runs the single-store tests again on one instance per agency.
    const layout =
      options.agencies ??
      (process.env.SAHEM_TEST_AGENCIES === 'per-agency' ? 'per-agency' : 'shared');
    const holdings: string[][] =
      layout === 'shared'
        ? [fixture.agencies.map((agency) => agency.code).sort()]
        : fixture.agencies.map((agency) => [agency.code]).sort();
    const [volunteersDb, indicatorsDb, gatewayDb, ...programsDbs] = await Promise.all([
      createTestDatabase(path.join(VOLUNTEERS_DIR, 'prisma', 'migrations')),
      createTestDatabase(path.join(INDICATORS_DIR, 'prisma', 'migrations')),
      createTestDatabase(GATEWAY_MIGRATIONS),
      ...holdings.map(() => createTestDatabase(path.join(PROGRAMS_DIR, 'prisma', 'migrations'))),
    ]);
    databases.push(volunteersDb!, indicatorsDb!, gatewayDb!, ...programsDbs);
    const keys = options.keys ?? {
      issuer: await generateSigningKey('test-idp'),
      gateway: await generateSigningKey('test-gateway'),
    };
    const callerKeys = options.callerKeys?.keys ?? fixedCallerKeys(keys.gateway);
    // With keys from the gateway, the subgraphs' key sets are created once its URL is known.
    let gatewayKeySet: JWTVerifyGetKey | undefined;
    const fromGateway: JWTVerifyGetKey = (header, token) => gatewayKeySet!(header, token);
    // One instance holding every agency is addressed as the subgraph itself (instanceAudience).
    const authenticate = (name: string, instance?: string) =>
      callerTokenAuthenticator(options.callerKeys ? fromGateway : callerKeys, {
        audience: callerAudience(name, holdings.length > 1 ? instance : undefined),
      });
    const token = (identity: DemoIdentity) => signDemoToken(identity, keys.issuer, TEST_ISSUER);
    const adminAuthorization = `Bearer ${await token(ADMIN)}`;
    const identity = {
      verifyBearer: bearerVerifier({
        ...TEST_ISSUER,
        keys: createLocalJWKSet({ keys: [keys.issuer.publicJwk] }),
      }),
      callerKeys,
    };
    const volunteers = await startSubgraph(
      volunteersSubgraph({
        authenticate: authenticate('volunteers'),
        nationalIdSalt: TEST_SALT,
        production: false,
      }),
      {
        port: 0,
        databaseUrl: options.databaseUrls?.volunteers ?? volunteersDb!.url,
        embeddedPort: 0,
      },
    );
    stops.push(() => volunteers.stop());
    const programsInstances: ProgramsInstanceOfGraph[] = [];
    for (const [index, agencies] of holdings.entries()) {
      const name = instanceName(agencies);
      const subgraph = await startSubgraph(
        programsSubgraph({
          authenticate: authenticate('programs', name),
          // It writes its agencies' rows from the shipped registry at start; the fixture's follow.
          instance: programsInstance(shippedRegistry, agencies),
          production: false,
          ...(options.now && { now: options.now }),
          ...(options.smallCellThreshold && { smallCellThreshold: options.smallCellThreshold }),
        }),
        {
          port: 0,
          // A database of the test's own server (one it may freeze) holds a single store.
          databaseUrl:
            (holdings.length === 1 && options.databaseUrls?.programs) || programsDbs[index]!.url,
          embeddedPort: 0,
        },
      );
      stops.push(() => subgraph.stop());
      // Its sketch warm-up reads in the background: done before a test counts statements.
      await subgraph.warmed;
      programsInstances.push({ name, agencies, subgraph });
    }
    const programs = programsInstances[0]!.subgraph;
    const registry = agencyRegistry({
      subgraph: 'programs',
      agencies: fixture.agencies.map((agency) => ({
        code: agency.code,
        name: { ar: agency.nameAr, en: agency.nameEn },
        sector: agency.sector,
        url: programsInstances.find((instance) => instance.agencies.includes(agency.code))!.subgraph
          .url,
      })),
    });
    const indicators = await startSubgraph(
      indicatorsSubgraph({
        authenticate: authenticate('indicators'),
        production: false,
        ...(options.now && { now: options.now }),
      }),
      {
        port: 0,
        databaseUrl: options.databaseUrls?.indicators ?? indicatorsDb!.url,
        embeddedPort: 0,
      },
    );
    stops.push(() => indicators.stop());
    // With one instance holding every agency, programs is reached at its URL as any subgraph is
    // (the registry says the same); with several, through the registry only, since an override
    // of its URL would mean every agency on one instance.
    const subgraphUrls = {
      volunteers: volunteers.url,
      indicators: indicators.url,
      ...(holdings.length === 1 && { programs: programs.url }),
    };
    const limits = options.loadTest
      ? { ...options.limits, ...LOAD_TEST_RATE_LIMITS }
      : options.limits;
    const auditLog =
      options.audit === false
        ? undefined
        : createAuditLog({ databaseUrl: gatewayDb!.url, ...options.audit });
    const gateway = await startGateway(
      {
        supergraphPath: options.supergraphPath ?? SUPERGRAPH_PATH,
        subgraphUrls,
        production: false,
        log: () => undefined,
        agencies: registry,
        ...identity,
        ...(auditLog && { audit: auditLog }),
        ...(limits && { limits }),
        ...(options.smallCellThreshold && { smallCellThreshold: options.smallCellThreshold }),
        // Tests write to the stores between reads: an answer cached for its staleness bound
        // would hide what they wrote. The response-cache tests turn it on.
        responseCache: { ttlMs: 0 },
        ...options.gateway,
      },
      { port: 0 },
    );
    stops.push(() => gateway.stop());
    if (options.callerKeys) {
      gatewayKeySet = createRemoteJWKSet(new URL('/.well-known/jwks.json', gateway.url), {
        cooldownDuration: options.callerKeys.cooldownMs,
      });
    }
    return {
      gateway,
      volunteers,
      programs,
      programsInstances,
      registry,
      indicators,
      audit: { databaseUrl: gatewayDb!.url, ...(auditLog && { log: auditLog }) },
      keys,
      identity,
      gatewayDeps: {
        ...identity,
        supergraphPath: options.supergraphPath ?? SUPERGRAPH_PATH,
        subgraphUrls,
        production: false,
        log: () => undefined,
        agencies: registry,
        responseCache: { ttlMs: 0 },
        // A second gateway of a load test is under the same load.
        ...(options.loadTest && { limits: { ...LOAD_TEST_RATE_LIMITS } }),
      },
      token,
      async query(query, variables, headers = {}) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: withoutEmpty({
            'content-type': 'application/json',
            authorization: adminAuthorization,
            ...headers,
          }),
          body: JSON.stringify({ query, variables }),
        });
        return response.json() as Promise<any>;
      },
      async countStatements(work) {
        const total = () =>
          volunteers.db.statements.total +
          programsInstances.reduce(
            (sum, instance) => sum + instance.subgraph.db.statements.total,
            0,
          ) +
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

/** Headers without the ones set to `''` (how a test asks for no Authorization at all). */
function withoutEmpty(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
}
