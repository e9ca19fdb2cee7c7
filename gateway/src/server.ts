import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { maskInternalErrors, sendJson, type Route } from '@sahem/kit';
import type { GatewayContext } from './GatewayContext.ts';
import { checkSubgraphs } from './checkSubgraphs.ts';
import { SubgraphDataSource } from './SubgraphDataSource.ts';
import { supergraphFromFile } from './supergraphFromFile.ts';

/** What the gateway depends on. */
export interface GatewayDeps {
  /** Supergraph SDL file; reloaded when it changes. */
  supergraphPath: string;
  /** Subgraph URL by subgraph name; overrides the URLs recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** @default 10000 */
  subgraphTimeoutMs?: number;
  /** Mask internal errors, no introspection, no landing page. @default true */
  production?: boolean;
  /** @default console.log */
  log?: (line: string) => void;
}

/**
 * Builds the federation gateway (Apollo Server over `ApolloGateway`), its per-request context
 * and its `/health` and `/ready` routes. No side effects until the caller starts it.
 */
export function createGateway(deps: GatewayDeps) {
  const production = deps.production ?? true;
  const log = deps.log ?? console.log;
  const timeoutMs = deps.subgraphTimeoutMs ?? 10_000;
  // @apollo/gateway otherwise sends anonymous usage metrics to Apollo and probes cloud metadata
  // endpoints (AWS, GCP, Azure) from inside the network: a national graph must not call out.
  // Opt back in with APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(deps.supergraphPath, log),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(deps.subgraphUrls[name] ?? url!, timeoutMs),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // The process that runs the gateway decides when it stops (index.ts, npm start).
    stopOnTerminationSignals: false,
    formatError: maskInternalErrors(production),
    plugins: [
      production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
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
    ],
  });

  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const incoming = req.headers['x-request-id'];
    const authorization = req.headers.authorization;
    return {
      // Accept a caller's id only when it looks like one, so logs cannot be polluted.
      requestId:
        typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID(),
      ...(authorization && { authorization }),
    };
  };

  const routes: Record<string, Route> = {
    '/health': (_, res) => sendJson(res, 200, { status: 'ok' }),
    '/ready': async (_, res) => {
      const subgraphs = await checkSubgraphs(deps.subgraphUrls, Math.min(timeoutMs, 2_000));
      const ready = Object.values(subgraphs).every((state) => state === 'ok');
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', subgraphs });
    },
  };
  return { apollo, context, routes };
}
