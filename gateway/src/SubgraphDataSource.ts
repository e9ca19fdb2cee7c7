import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { CALLER_HEADER, signCallerToken, type SigningKey } from '@sahem/kit';
import type { GatewayContext } from './GatewayContext.ts';

/** How to reach one subgraph. */
export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, recorded per request for the audit trail. */
  name: string;
  url: string;
  timeoutMs: number;
  /** The gateway's key, signing who the caller is for the subgraph. */
  callerKey: SigningKey;
  /** How to send the request (a custom CA for HTTPS subgraphs). @default Node's `fetch` */
  fetch?: typeof fetch;
}

function isGatewayContext(context: object | undefined): context is GatewayContext {
  return !!context && 'caller' in context && 'requestId' in context;
}

/** The caller token of a request: signed once, however many subgraph calls the plan makes. */
const callerTokens = new WeakMap<GatewayContext, Promise<string>>();

/**
 * How the gateway calls one subgraph: over Node's built-in `fetch` (undici), which keeps
 * connections alive and pools them per origin, with a timeout per request, forwarding the
 * request id, the caller's `Authorization` header, and the caller token the gateway signs
 * (the subgraphs authorise with that one: it cannot be forged by going around the gateway).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly #callerKey: SigningKey;

  constructor(options: SubgraphDataSourceOptions) {
    const send = options.fetch ?? fetch;
    const fetcher = ((input: string, init: RequestInit) =>
      send(input, {
        ...init,
        signal: AbortSignal.timeout(options.timeoutMs),
      })) as unknown as Fetcher;
    super({ url: options.url, fetcher });
    this.name = options.name;
    this.#callerKey = options.callerKey;
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loads carry no caller context.
    if (!isGatewayContext(context)) return;
    context.subgraphsCalled.add(this.name);
    let token = callerTokens.get(context);
    if (!token) {
      token = signCallerToken(context.caller, this.#callerKey, context.requestId);
      callerTokens.set(context, token);
    }
    request.http?.headers.set(CALLER_HEADER, await token);
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }

  override didReceiveResponse: RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse'] =
    async ({ response, context }) => {
      // Subgraphs name the agencies whose records they returned, for the audit trail.
      const agencies = (response.extensions as { sahem?: { agencies?: unknown } } | undefined)
        ?.sahem?.agencies;
      if (Array.isArray(agencies) && context.agenciesReturned) {
        for (const agency of agencies)
          if (typeof agency === 'string') context.agenciesReturned.add(agency);
      }
      return response;
    };
}
