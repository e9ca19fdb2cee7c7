import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ANONYMOUS,
  CALLER_HEADER,
  createLogger,
  currentRequestRecord,
  metricsRoute,
  recordRequestPlugin,
  requestObserver,
  type Logger,
  maskInternalErrors,
  printable,
  refuseUnstorableText,
  sendJson,
  callerAudience,
  requestDigest,
  signCallerToken,
  withOneInstance,
  type AgencyRegistry,
  type Route,
} from '@sahem/kit';
import type { AuditLog } from './audit/createAuditLog.ts';
import type { CallerKeys } from './auth/callerKeys.ts';
import { authorizationPlugin } from './auth/authorizationPlugin.ts';
import { inFlightFetches } from './caching/inFlightFetches.ts';
import { createResponseCache, type ResponseCacheOptions } from './caching/responseCache.ts';
import { responseCachePlugin } from './caching/responseCachePlugin.ts';
import { readRequirements, type Requirements } from './auth/requirements.ts';
import type { BearerVerifier } from './auth/verifyBearer.ts';
import type { GatewayContext } from './GatewayContext.ts';
import { checkSubgraphs } from './health/checkSubgraphs.ts';
import {
  gatewayReadiness,
  type BreakerState,
  type ReadinessTarget,
} from './health/gatewayReadiness.ts';
import { createLimits } from './limits/createLimits.ts';
import type { GatewayLimits } from './limits/GatewayLimits.ts';
import { routeAgencies } from './agencies/routeAgencies.ts';
import { createGatewayMetrics } from './metrics/gatewayMetrics.ts';
import { checksInOrder } from './pipeline/checksInOrder.ts';
import { requireOperation } from './pipeline/requireOperation.ts';
import { instancePolicies } from './resilience/instancePolicies.ts';
import type { ResilienceOptions } from './resilience/ResilienceOptions.ts';
import { subgraphUnavailable } from './subgraphs/subgraphUnavailable.ts';
import { SubgraphDataSource } from './SubgraphDataSource.ts';
import { subgraphFetch } from './subgraphs/subgraphFetch.ts';
import {
  resolveSubgraphUrls,
  subgraphsOfSupergraph,
  unknownOverrides,
  type SupergraphSubgraph,
} from './subgraphs/subgraphsOfSupergraph.ts';
import { supergraphFromFile } from './supergraphFromFile.ts';
import {
  persistedDocuments,
  type PersistedDocumentsConfig,
} from './trustedDocuments/persistedDocuments.ts';
import { preparePersistedRequest } from './trustedDocuments/preparePersistedRequest.ts';
import { warmQueryPlans } from './planning/warmQueryPlans.ts';
import type { CorsOrigins } from './web/corsOrigins.ts';
import { webIntercept, type DemoToken } from './web/webIntercept.ts';

/** What the gateway depends on. */
export interface GatewayDeps {
  /** Supergraph SDL file; reloaded when it changes. */
  supergraphPath: string;
  /**
   * Subgraph URL by subgraph name, for the subgraphs whose URL the operator overrides; every
   * other subgraph is called at the URL the supergraph records. @default none
   */
  subgraphUrls?: Record<string, string>;
  /** PEM CA certificate(s) trusted for HTTPS subgraphs (instead of the system's). @default none */
  subgraphCa?: string | Buffer;
  /** Longest one subgraph fetch may take. @default 10000 */
  subgraphTimeoutMs?: number;
  /**
   * Longest one fetch of a given subgraph may take, by subgraph name (every instance of
   * `programs` alike), instead of `subgraphTimeoutMs`. @default none
   */
  subgraphTimeoutsMs?: Record<string, number>;
  /** Breaker, bulkhead and retry settings of every subgraph instance. @default `DEFAULT_RESILIENCE` */
  resilience?: Partial<ResilienceOptions>;
  /**
   * The agencies owning the data of each subgraph served by one service, named in the errors
   * when it fails (programs' instances name their own). @default `DEFAULT_SUBGRAPH_OWNERS`
   */
  subgraphOwners?: Record<string, readonly string[]>;
  /** How long the gateway works on one request; every subgraph is told this deadline. @default 10000 */
  requestTimeoutMs?: number;
  /** How much earlier than the gateway gives up a subgraph is told to stop. @default 100 */
  deadlineMarginMs?: number;
  /**
   * Breakdown cells merged across agencies of fewer distinct volunteers are suppressed.
   * @default 5 (`DEFAULT_SMALL_CELL_THRESHOLD`)
   */
  smallCellThreshold?: number;
  /** Mask internal errors, no introspection, no landing page. @default true */
  production?: boolean;
  /** Occasional lines (a supergraph reloaded, a rate-limit store failing). @default the logger, at info */
  log?: (line: string) => void;
  /** The request log: one line per request (pino). @default standard output, `SAHEM_LOG_LEVEL` */
  logger?: Logger;
  /** Keep Prometheus metrics and serve them at `/metrics`. @default true */
  metrics?: boolean;
  /** Verifies the callers' bearer tokens (see `bearerVerifier`). */
  verifyBearer: BearerVerifier;
  /** The gateway's own keys: sign the caller token of every subgraph request, published at `/.well-known/jwks.json`. */
  callerKeys: CallerKeys;
  /** Reject a whole operation asking for a field the caller may not see. @default false */
  rejectUnauthorized?: boolean;
  /** Trusted documents (`off`, `allow`, `enforce`). @default Apollo Server's in-memory APQ */
  persistedDocuments?: PersistedDocumentsConfig;
  /** Records every operation; `startGateway` stops it after the HTTP server. @default none */
  audit?: AuditLog;
  /** Operation limits, demand control and rate limiting. @default `DEFAULT_LIMITS` */
  limits?: GatewayLimits;
  /** What browsers get: CORS, the explorer and the dashboard. */
  web?: GatewayWebOptions;
  /**
   * The agency registry: its subgraph (`programs`) is served by one instance per agency, and the
   * gateway routes to them by owner. @default none: every subgraph is one service
   */
  agencies?: AgencyRegistry;
  /** Where the composed contracts of such subgraphs are (`<name>.graphql`). @default schema/contracts */
  contractsDir?: string;
  /**
   * The circuit breaker of a subgraph instance, reported on `/ready` and `/metrics`.
   * @default the gateway's own breakers (`resilience/`)
   */
  breakerState?: (subgraph: string, instance: string) => BreakerState | undefined;
  /**
   * Share one subgraph fetch among identical query fetches in flight at once for callers of the
   * same visibility (`GATEWAY_DEDUP`). @default true
   */
  dedup?: boolean;
  /**
   * Whole answers of operations made only of aggregate root fields, kept for `ttlMs` (the
   * staleness bound; 0: no cache), per document, variables and caller visibility.
   * @default `DEFAULT_RESPONSE_CACHE` (30 s)
   */
  responseCache?: Partial<ResponseCacheOptions>;
}

/**
 * Who owns the data of the subgraphs served by one service: the national volunteering platform
 * and the national observatory are both the ministry's (HRSD).
 */
export const DEFAULT_SUBGRAPH_OWNERS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  volunteers: ['HRSD'],
  indicators: ['HRSD'],
});

/** The gateway's browser face (see `web/webIntercept.ts`). */
export interface GatewayWebOptions {
  /** Web origins allowed to call `/graphql`. @default development: this machine's; production: none */
  corsOrigins?: CorsOrigins | undefined;
  /** Serve the offline GraphiQL explorer at `/explorer/`. @default not in production */
  explorer?: boolean | undefined;
  /** Serve the KPI dashboard at `/dashboard/`. @default true */
  dashboard?: boolean | undefined;
  /** Development only: demo tokens for the explorer's picker and the dashboard. @default none */
  demoTokens?: (() => Promise<DemoToken[]>) | undefined;
  /** Build folders by app name (tests). @default the `dist/` folders of `WEB_APPS` */
  outDirs?: Partial<Record<'explorer' | 'dashboard', string>>;
}

/**
 * Builds the federation gateway (Apollo Server over `ApolloGateway`), its per-request context,
 * its `/health` route, what its `/ready` reports, its metrics and request log, and its browser
 * face (CORS, explorer, dashboard). No side effects until the caller starts it, except watching
 * the trusted-documents manifest (`stop`).
 */
export function createGateway(deps: GatewayDeps) {
  const production = deps.production ?? true;
  const logger = deps.logger ?? createLogger({ service: 'gateway' });
  // Log lines may quote what a caller sent: control characters are escaped, one line each.
  const log = (line: string) => (deps.log ?? ((text) => logger.info(text)))(printable(line));
  const timeoutMs = deps.subgraphTimeoutMs ?? 10_000;
  const timeoutOf = (subgraph: string) => deps.subgraphTimeoutsMs?.[subgraph] ?? timeoutMs;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 10_000;
  // @apollo/gateway otherwise sends anonymous usage metrics to Apollo and probes cloud metadata
  // endpoints (AWS, GCP, Azure) from inside the network: a national graph must not call out.
  // Opt back in with APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const overrides = deps.subgraphUrls ?? {};
  const send = subgraphFetch({ ca: deps.subgraphCa });
  let requirements: Requirements = { types: new Map(), fields: new Map() };
  // The subgraphs of the supergraph in service (reloads included); none before one loads.
  let subgraphs: SupergraphSubgraph[] | undefined;
  // The services behind them as the gateway calls them: a subgraph, or each agency's instance.
  const targets = (): ReadinessTarget[] | undefined =>
    subgraphs?.flatMap(({ name }) =>
      agencies?.serves(name)
        ? agencies.targets()
        : [{ name, subgraph: name, instance: name, url: resolved![name]! }],
    );
  let resolved: Record<string, string> | undefined;
  // Each instance's breaker, bulkhead and retry budget, kept across supergraph reloads.
  const policies = instancePolicies(deps.resilience, {
    breaker(subgraph, instance, state, reason) {
      // Once per change, not per refused request: an outage is a few lines, not a flood.
      const fields = { subgraph, instance, breaker: state, ...(reason && { cause: reason }) };
      if (state === 'open') logger.warn(fields, `circuit breaker of ${subgraph}/${instance} open`);
      else
        logger.info(
          fields,
          `circuit breaker of ${subgraph}/${instance} ${state.replace('_', ' ')}`,
        );
    },
    refused: (subgraph, instance, reason) => metrics?.observeRefusal(subgraph, instance, reason),
    retried: (subgraph, instance) => metrics?.observeRetry(subgraph, instance),
  });
  const breakerState = deps.breakerState ?? policies.state;
  // One table for every subgraph and instance: the key names the URL fetched.
  const inFlight =
    (deps.dedup ?? true)
      ? inFlightFetches({ joined: (subgraph) => metrics?.observeSharedFetch(subgraph) })
      : undefined;
  const metrics =
    (deps.metrics ?? true)
      ? createGatewayMetrics({
          audit: deps.audit,
          instances: () => targets() ?? [],
          breakerState,
        })
      : undefined;
  // The subgraph that agencies serve, one instance each, when there is a registry. An override
  // of that subgraph's URL is what an operator means by one store: every agency on one instance.
  const shared = deps.agencies && overrides[deps.agencies.subgraph];
  const registry = shared ? withOneInstance(deps.agencies!, shared) : deps.agencies;
  // An instance is named as on `/ready`: one instance holding every agency is the subgraph itself.
  const instanceLabel = (instance: { name: string }) =>
    registry!.instances.length === 1 ? registry!.subgraph : instance.name;
  const agencies =
    registry &&
    routeAgencies(
      { ...deps, agencies: registry },
      {
        timeoutMs: timeoutOf(registry.subgraph),
        send,
        log,
        ...(metrics && {
          observeFetch: (instance, outcome, seconds) =>
            metrics.observeFetch(
              registry.subgraph,
              instanceLabel({ name: instance }),
              outcome,
              seconds,
            ),
        }),
        policyOf: (instance) => policies.of(registry.subgraph, instanceLabel(instance)),
        ...(inFlight && { inFlight }),
      },
    );
  const owners = { owners: deps.subgraphOwners ?? DEFAULT_SUBGRAPH_OWNERS, registry };
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(deps.supergraphPath, log, (sdl) => {
      requirements = readRequirements(sdl);
      subgraphs = subgraphsOfSupergraph(sdl);
      resolved = resolveSubgraphUrls(subgraphs, overrides);
      agencies?.load(sdl);
      for (const name of unknownOverrides(subgraphs, overrides))
        log(`gateway: the URL override for "${name}" matches no subgraph of the supergraph`);
    }),
    buildService: ({ name, url }) =>
      agencies?.serves(name)
        ? agencies.source
        : new SubgraphDataSource({
            name,
            url: overrides[name] ?? url!,
            timeoutMs: timeoutOf(name),
            ...(deps.deadlineMarginMs !== undefined && { deadlineMarginMs: deps.deadlineMarginMs }),
            callerKeys: deps.callerKeys,
            fetch: send,
            ...(metrics && {
              observeFetch: (outcome, seconds) =>
                metrics.observeFetch(name, name, outcome, seconds),
            }),
            policy: policies.of(name, name),
            ...(inFlight && { inFlight }),
            reportFailure: (error, path) => subgraphUnavailable(name, error, path, owners),
          }),
  });
  // Its query-plan cache is created with it and only emptied on reloads, never replaced.
  const planCache = (gateway as unknown as { queryPlanStore?: KeyValueCache<unknown> })
    .queryPlanStore;
  if (metrics && planCache) metrics.observePlanCache(planCache);
  // The plans of the trusted documents are made at start and on every reload of the supergraph
  // or the manifest, before requests need them, rather than by the first request of each.
  const warm = () => {
    void warmQueryPlans(gateway, trusted.documents(), log).catch((error: unknown) =>
      log(`gateway: warming the query plans failed: ${(error as Error).message}`),
    );
  };
  const trusted = persistedDocuments<GatewayContext>(deps.persistedDocuments, log, warm);
  gateway.onSchemaLoadOrUpdate(warm);
  const responseCache = createResponseCache(deps.responseCache);
  const caching = responseCache.options.ttlMs > 0;
  // Answers computed over another supergraph may have another shape: forget them.
  if (caching) gateway.onSchemaLoadOrUpdate(() => responseCache.clear());
  const limits = createLimits(deps.limits, log);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...trusted.options,
    introspection: !production,
    // No "Did you mean …?" in validation errors: they would spell out the schema to a prober.
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: limits.parseOptions,
    includeStacktraceInErrorResponses: !production,
    // The process that runs the gateway decides when it stops (index.ts, npm start).
    stopOnTerminationSignals: false,
    formatError: limits.formatError(maskInternalErrors(production)),
    plugins: [
      // Apollo's landing page loads Sandbox from a CDN and Google Fonts: the gateway serves its
      // own offline explorer instead (web/), and a browser opening /graphql is sent there.
      ApolloServerPluginLandingPageDisabled(),
      // One after the other, each only once the one before accepted the operation: limits
      // before authorization, which expands and may rewrite the document, so limits apply to
      // what was sent and bound what authorization walks.
      checksInOrder<GatewayContext>([
        requireOperation(),
        refuseUnstorableText(),
        ...trusted.plugins,
        ...limits.plugins,
        authorizationPlugin({
          requirements: () => requirements,
          rejectUnauthorized: deps.rejectUnauthorized ?? false,
        }),
      ]),
      {
        // Echo the request id so a client can quote it when reporting a problem.
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse({ response }) {
              response.http.headers.set('x-request-id', contextValue.requestId);
            },
          };
        },
      },
      // After the checks, which every request passes hit or not; before the log and the audit,
      // which record a cached answer as any other.
      ...(caching
        ? [responseCachePlugin(responseCache, (result) => metrics?.observeResponseCache(result))]
        : []),
      // The request's log line and metrics read what it did.
      recordRequestPlugin<GatewayContext>(),
      // Last, so it records the response as the other plugins left it.
      ...(deps.audit ? [deps.audit.plugin] : []),
    ],
  });

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const incoming = req.headers['x-request-id'];
    // Accept a caller's id only when it looks like one, so logs cannot be polluted.
    const requestId =
      typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    const subgraphsCalled = new Set<string>();
    const record = currentRequestRecord();
    if (record) Object.assign(record, { requestId, subgraphs: subgraphsCalled });
    return {
      deadline: Date.now() + requestTimeoutMs,
      requestId,
      // A token that does not verify is UNAUTHENTICATED (401), never silently anonymous.
      caller: await deps.verifyBearer(req.headers.authorization),
      clientIp: req.socket.remoteAddress ?? 'unknown',
      subgraphsCalled,
      agenciesReturned: new Set(),
    };
  };

  const routes: Record<string, Route> = {
    '/health': (_, res) => sendJson(res, 200, { status: 'ok' }),
    ...(metrics && { '/metrics': metricsRoute(metrics.registry) }),
    // The subgraphs verify caller tokens with this key set.
    '/.well-known/jwks.json': (_, res) =>
      sendJson(res, 200, { keys: deps.callerKeys.publicJwks() }),
  };
  const readiness = () =>
    gatewayReadiness({
      targets,
      probe: (urls) =>
        checkSubgraphs(
          urls,
          Math.min(timeoutMs, 2_000),
          async (name, body) => ({
            [CALLER_HEADER]: await signCallerToken(ANONYMOUS, deps.callerKeys.signing(), {
              audience: agencies?.audienceOf(name) ?? callerAudience(name),
              digest: requestDigest(body),
            }),
          }),
          send,
        ),
      // A trail that cannot keep up makes the gateway refuse operations: not ready either. An
      // operator who turned the trail off sees it wherever readiness is checked.
      audit: () => (deps.audit ? (deps.audit.healthy ? 'ok' : 'unavailable') : 'off'),
      breakerState,
    }).then((report) =>
      // Whether each instance serves the composed contract (it is refused until it does).
      agencies ? { ...report, instances: agencies.verifier.states() } : report,
    );
  const intercept = webIntercept({
    production,
    corsOrigins: deps.web?.corsOrigins,
    explorer: deps.web?.explorer ?? !production,
    dashboard: deps.web?.dashboard ?? true,
    demoTokens: deps.web?.demoTokens,
    ...(deps.web?.outDirs && { outDirs: deps.web.outDirs }),
  });
  const observer = requestObserver({ metrics, logger });
  return {
    apollo,
    context: limits.context(context),
    routes,
    intercept,
    // Every way a standard client names a persisted document, brought to Apollo Server's one.
    prepareRequest: preparePersistedRequest,
    readiness,
    observer,
    metrics,
    /** Stops watching the trusted-documents manifest. */
    stop: () => trusted.stop(),
  };
}
