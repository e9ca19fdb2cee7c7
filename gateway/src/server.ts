import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
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
  type Route,
} from '@sahem/kit';
import type { AuditLog } from './audit/createAuditLog.ts';
import type { CallerKeys } from './auth/callerKeys.ts';
import { authorizationPlugin } from './auth/authorizationPlugin.ts';
import { readRequirements, type Requirements } from './auth/requirements.ts';
import type { BearerVerifier } from './auth/verifyBearer.ts';
import type { GatewayContext } from './GatewayContext.ts';
import { checkSubgraphs } from './health/checkSubgraphs.ts';
import { gatewayReadiness, type BreakerState } from './health/gatewayReadiness.ts';
import { subgraphsOfSupergraph, type SupergraphSubgraph } from './health/subgraphsOfSupergraph.ts';
import { createLimits } from './limits/createLimits.ts';
import type { GatewayLimits } from './limits/GatewayLimits.ts';
import { persistedDocuments, type PersistedDocumentsConfig } from './persistedDocuments.ts';
import { createGatewayMetrics } from './metrics/gatewayMetrics.ts';
import { checksInOrder } from './pipeline/checksInOrder.ts';
import { requireOperation } from './pipeline/requireOperation.ts';
import { SubgraphDataSource } from './SubgraphDataSource.ts';
import { supergraphFromFile } from './supergraphFromFile.ts';

/** What the gateway depends on. */
export interface GatewayDeps {
  /** Supergraph SDL file; reloaded when it changes. */
  supergraphPath: string;
  /** Subgraph URL by subgraph name; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Longest one subgraph fetch may take. @default 10000 */
  subgraphTimeoutMs?: number;
  /** How long the gateway works on one request; every subgraph is told this deadline. @default 10000 */
  requestTimeoutMs?: number;
  /** How much earlier than the gateway gives up a subgraph is told to stop. @default 100 */
  deadlineMarginMs?: number;
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
  /**
   * The circuit breaker of a subgraph instance, reported on `/ready` and `/metrics`
   * (extension point for the breakers per instance). @default none
   */
  breakerState?: (subgraph: string, instance: string) => BreakerState | undefined;
}

/**
 * Builds the federation gateway (Apollo Server over `ApolloGateway`), its per-request context
 * its `/health` route and what its `/ready` reports. No side effects until the caller starts it.
 */
export function createGateway(deps: GatewayDeps) {
  const production = deps.production ?? true;
  const logger = deps.logger ?? createLogger({ service: 'gateway' });
  // Log lines may quote what a caller sent: control characters are escaped, one line each.
  const log = (line: string) => (deps.log ?? ((text) => logger.info(text)))(printable(line));
  const timeoutMs = deps.subgraphTimeoutMs ?? 10_000;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 10_000;
  // @apollo/gateway otherwise sends anonymous usage metrics to Apollo and probes cloud metadata
  // endpoints (AWS, GCP, Azure) from inside the network: a national graph must not call out.
  // Opt back in with APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  let requirements: Requirements = { types: new Map(), fields: new Map() };
  // The subgraphs of the supergraph in service (reloads included), as the gateway calls them.
  let subgraphs: SupergraphSubgraph[] | undefined;
  const metrics =
    (deps.metrics ?? true)
      ? createGatewayMetrics({
          audit: deps.audit,
          // One instance per subgraph until agencies get instances of their own.
          instances: () =>
            (subgraphs ?? []).map(({ name }) => ({ subgraph: name, instance: name })),
          breakerState: deps.breakerState,
        })
      : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(deps.supergraphPath, log, (sdl) => {
      requirements = readRequirements(sdl);
    }),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: deps.subgraphUrls[name] ?? url!,
        timeoutMs,
        ...(deps.deadlineMarginMs !== undefined && { deadlineMarginMs: deps.deadlineMarginMs }),
        callerKeys: deps.callerKeys,
        ...(metrics && {
          observeFetch: (outcome, seconds) => metrics.observeFetch(name, name, outcome, seconds),
        }),
      }),
  });
  // Its query-plan cache is created with it and only emptied on reloads, never replaced.
  const planCache = (gateway as unknown as { queryPlanStore?: KeyValueCache<unknown> })
    .queryPlanStore;
  if (metrics && planCache) metrics.observePlanCache(planCache);
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    subgraphs = subgraphsOfSupergraph(coreSupergraphSdl).map(({ name, url }) => ({
      name,
      url: deps.subgraphUrls[name] ?? url,
    }));
  });
  const trusted = persistedDocuments<GatewayContext>(deps.persistedDocuments);
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
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
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
      subgraphs: () => subgraphs,
      probe: (urls) =>
        checkSubgraphs(urls, Math.min(timeoutMs, 2_000), async (name, body) => ({
          [CALLER_HEADER]: await signCallerToken(ANONYMOUS, deps.callerKeys.signing(), {
            audience: callerAudience(name),
            digest: requestDigest(body),
          }),
        })),
      // A trail that cannot keep up makes the gateway refuse operations: not ready either.
      audit: () => (deps.audit ? (deps.audit.healthy ? 'ok' : 'unavailable') : 'off'),
      ...(deps.breakerState && { breakerState: deps.breakerState }),
    });
  const observer = requestObserver({ metrics, logger });
  return { apollo, context: limits.context(context), routes, readiness, observer, metrics };
}
