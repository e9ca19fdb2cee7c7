import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@sahem/kit';
import { pinTreeToCpu, type CpuPlan } from '../measure/pinToCpu.ts';
import { nodeArgs, type ProfileOptions } from '../processes/nodeArgs.ts';
import { httpProbe, spawnBenchProcess, type BenchProcess } from '../processes/spawnBenchProcess.ts';
import { BENCH_ISSUER, baseEnv, type AgencyLayout, type BenchGraph } from '../startBenchGraph.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The gateways the bench can measure, as `--only` names them. */
export const GATEWAY_IDS = ['sahem', 'sahem-shared', 'apollo', 'hive'] as const;
export type GatewayId = (typeof GATEWAY_IDS)[number];

/** What the report says about each gateway under test. */
export const GATEWAY_TITLES: Record<GatewayId | 'direct', string> = {
  sahem: "Sahem's gateway",
  'sahem-shared': "Sahem's gateway, one programs instance",
  apollo: '@apollo/gateway (Apollo Server, no plugins)',
  hive: '@graphql-hive/gateway (CLI defaults)',
  direct: 'the subgraph called directly',
};

/**
 * The gateways of a layout. With one programs instance per agency, `sahem` routes by owner to
 * the agencies' instances; stock federation routes by type and cannot, so the peers are measured
 * against the instance holding every agency (the same data), and so is `sahem-shared`, which
 * separates what the routing costs from what the gateway itself costs.
 */
export function gatewaysOf(layout: AgencyLayout): GatewayId[] {
  return layout === 'per-agency'
    ? ['sahem', 'sahem-shared', 'apollo', 'hive']
    : ['sahem', 'apollo', 'hive'];
}

/** A gateway process under test. */
export interface GatewayUnderTest {
  id: GatewayId;
  url: string;
  process: BenchProcess;
  /** Whether it writes Sahem's audit trail (whose PostgreSQL time is then its cost). */
  audited: boolean;
}

/** Options of {@link startGatewayUnderTest}. */
export interface GatewayStartOptions {
  cpu?: CpuPlan | undefined;
  profile?: ProfileOptions | undefined;
  /** Sahem's own options (`--dedup`, `--response-cache`, `--workers`). @default production's, cache off, 1 worker */
  sahem?: SahemOptions | undefined;
}

/** What the bench varies in Sahem's gateway. */
export interface SahemOptions {
  dedup: boolean;
  responseCache: boolean;
  workers: number;
}

/** The response cache's staleness bound when the bench turns it on: the production default. */
export const BENCH_RESPONSE_CACHE_TTL_MS = 30_000;

/**
 * Starts one gateway as a process of its own over the bench's subgraphs and pins it to the
 * gateway core once it is ready (start-up itself runs unpinned, so starting is quicker).
 *
 * Sahem's gateway runs `gateway/src/index.ts`, compiled as `npm run build` compiles it, configured as in production
 * (`SAHEM_PRODUCTION=true`): bearer JWTs verified against the identity provider's JWKS over
 * HTTP, a caller token signed for every subgraph request, the authorization directives, every
 * operation limit and the cost budget, rate limiting (per caller, in memory, with a budget no
 * run reaches), the audit trail in its own PostgreSQL, and trusted documents enforced
 * (`GATEWAY_PERSISTED_DOCUMENTS=enforce`: the full text sent must be a manifest document's
 * normal form). Only the explorer and the dashboard are off; they serve no GraphQL request.
 */
export async function startGatewayUnderTest(
  id: GatewayId,
  graph: BenchGraph,
  options: GatewayStartOptions = {},
): Promise<GatewayUnderTest> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = baseEnv(options.profile, id);
  const started = await (() => {
    switch (id) {
      case 'sahem':
      case 'sahem-shared':
        return spawnBenchProcess({
          name: id,
          command: process.execPath,
          args: [...nodeArgs(options.profile), graph.bundles.gateway],
          cwd: ROOT,
          env: {
            ...env,
            ...graph.sahemEnv,
            SAHEM_PRODUCTION: 'true',
            SAHEM_DATA_DIR: path.join(graph.dir, `data-${id}`),
            GATEWAY_HOST: '127.0.0.1',
            GATEWAY_PORT: String(port),
            GATEWAY_SUPERGRAPH_PATH: graph.files.supergraph,
            SAHEM_AGENCIES_FILE:
              id === 'sahem' && graph.files.agenciesPerAgency
                ? graph.files.agenciesPerAgency
                : graph.files.agenciesShared,
            GATEWAY_JWKS_URL: graph.jwksUrl,
            GATEWAY_JWT_ISSUER: BENCH_ISSUER.issuer,
            GATEWAY_JWT_AUDIENCE: BENCH_ISSUER.audience,
            GATEWAY_SIGNING_KEY_FILE: graph.files.gatewayKey,
            GATEWAY_AUDIT: 'on',
            GATEWAY_DATABASE_URL: graph.auditPostgres.url('gateway'),
            GATEWAY_PERSISTED_DOCUMENTS: 'enforce',
            GATEWAY_PERSISTED_DOCUMENTS_MANIFEST: graph.files.manifest,
            // One caller per token and 64 tokens: a budget no run spends, still counted per request.
            GATEWAY_RATE_LIMIT_PER_MINUTE: '1000000000',
            GATEWAY_EXPLORER: 'false',
            GATEWAY_DASHBOARD: 'false',
            GATEWAY_DEDUP: String(options.sahem?.dedup ?? true),
            // Off unless asked: the peers cache nothing, so their comparison stays like for like.
            GATEWAY_RESPONSE_CACHE_TTL_MS: options.sahem?.responseCache
              ? String(BENCH_RESPONSE_CACHE_TTL_MS)
              : '0',
            GATEWAY_WORKERS: String(options.sahem?.workers ?? 1),
          },
          ready: httpProbe(`${base}/ready`),
        });
      case 'apollo':
        return spawnBenchProcess({
          name: id,
          command: process.execPath,
          args: [...nodeArgs(options.profile), graph.bundles.apollo],
          cwd: ROOT,
          env: { ...env, BENCH_SUPERGRAPH: graph.files.supergraph, BENCH_PORT: String(port) },
          ready: httpProbe(`${base}/`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ __typename }' }),
          }),
        });
      case 'hive':
        // The CLI as its documentation runs it, in one process (`--fork 1`, its default), from a
        // folder without a gateway config file so that nothing but its defaults applies.
        return spawnBenchProcess({
          name: id,
          command: process.execPath,
          args: [
            ...nodeArgs(options.profile),
            path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'),
            'supergraph',
            graph.files.supergraph,
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
            '--fork',
            '1',
          ],
          cwd: graph.dir,
          env,
          ready: httpProbe(`${base}/readiness`),
        });
    }
  })();
  // Every process of the gateway: its workers, forked at start, are pinned to the same core.
  if (options.cpu) await pinTreeToCpu(started.pid, options.cpu.gateway);
  return {
    id,
    url: id === 'apollo' ? `${base}/` : `${base}/graphql`,
    process: started,
    audited: id === 'sahem' || id === 'sahem-shared',
  };
}
