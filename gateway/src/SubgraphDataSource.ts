import { randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  CALLER_HEADER,
  callerAudience,
  requestDigest,
  signCallerToken,
  type Caller,
} from '@sahem/kit';

/** Who a subgraph request is for, handed from `willSendRequest` to the fetcher. */
interface Claim {
  caller: Caller;
  requestId?: string;
  /** The client request's deadline (epoch ms). */
  deadline?: number;
  /** What the operation sent is: only a query may be retried. */
  operation: OperationKind;
}
import type { CallerKeys } from './auth/callerKeys.ts';
import { sharedBytesOf, type InFlightFetches } from './caching/inFlightFetches.ts';
import { visibilityOf } from './caching/visibilityOf.ts';
import { deadlineSignal } from './deadlines/deadlineSignal.ts';
import { fetchDeadline } from './deadlines/fetchDeadline.ts';
import { observedFetch, type FetchObserver } from './metrics/observedFetch.ts';
import type { GatewayContext } from './GatewayContext.ts';
import type { InstancePolicy } from './resilience/instancePolicy.ts';
import { operationKind, type OperationKind } from './resilience/operationKind.ts';
import { SubgraphFailure } from './resilience/SubgraphFailure.ts';
import { failedFetchPaths } from './subgraphs/failedFetchPaths.ts';
import { SubgraphResponse } from './subgraphs/SubgraphResponse.ts';

type GraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
// `GraphQLDataSourceRequestKind.INCOMING_OPERATION`; the enum is not exported by the package root.
const INCOMING_OPERATION = 'incoming operation';

/** How to reach one subgraph. */
export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, recorded per request for the audit trail. */
  name: string;
  url: string;
  /** Longest one fetch may take, whatever the request's deadline. */
  timeoutMs: number;
  /** How much earlier than the gateway's own abort the subgraph is told to stop. @default 100 */
  deadlineMarginMs?: number;
  /** The gateway's keys, signing who the caller is for the subgraph. */
  callerKeys: CallerKeys;
  /** The audience the subgraph's caller tokens carry. @default callerAudience(name) */
  audience?: string;
  /** Largest subgraph response read; a larger one fails the fetch. @default 32 MiB */
  maxResponseBytes?: number;
  /** Told how each fetch ended (metrics). @default none */
  observeFetch?: FetchObserver;
  /** How to send the request (a custom CA for HTTPS subgraphs). @default Node's `fetch` */
  fetch?: typeof fetch;
  /**
   * The instance's breaker, bulkhead and retries (`resilience/`), shared by every data source of
   * the instance. @default none: each fetch is sent once, as it comes
   */
  policy?: InstancePolicy;
  /**
   * Answer a failed operation fetch with an error at each path it would have filled (made by
   * this function) instead of throwing, so the client learns who is missing where. @default throw
   * (the agency routing says who is missing itself)
   */
  reportFailure?: (error: unknown, path: (string | number)[]) => object;
  /**
   * Where identical query fetches in flight at once share one answer (`GATEWAY_DEDUP`), keyed by
   * this data source's URL, the exact body and the caller's visibility. @default none: each sent
   */
  inFlight?: InFlightFetches;
}

function isGatewayContext(context: object | undefined): context is GatewayContext {
  return !!context && 'caller' in context && 'requestId' in context;
}

// Carries, from `willSendRequest` (which knows the request's context) to the fetcher (which
// sees the exact body sent), a reference to whom the token is for. Never sent anywhere.
const TICKET_HEADER = 'x-sahem-ticket';

// Agency codes as the registry writes them: a subgraph's report of whose records it returned
// goes into the audit trail, so anything else it sends there is dropped.
const AGENCY_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/**
 * How the gateway calls one subgraph: over Node's built-in `fetch` (undici), which keeps
 * connections alive and pools them per origin, with a timeout per request, forwarding the
 * request id and a caller token minted for this one request: audience this subgraph, bound to
 * the body sent, valid for seconds. The user's own `Authorization` header never leaves the
 * gateway, so whoever runs a subgraph learns who asked, never how to act as them.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly #pending: Map<string, Claim>;
  readonly #maxResponseBytes: number;
  readonly #reportFailure: SubgraphDataSourceOptions['reportFailure'];

  constructor(options: SubgraphDataSourceOptions) {
    const audience = options.audience ?? callerAudience(options.name);
    const pending = new Map<string, Claim>();
    const deadlines = { timeoutMs: options.timeoutMs, marginMs: options.deadlineMarginMs ?? 100 };
    const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
    const inFlight = options.inFlight;
    const fetcher = (async (
      input: string,
      init: RequestInit & { headers: Record<string, string> },
    ) => {
      const headers = { ...init.headers };
      const ticket = headers[TICKET_HEADER];
      delete headers[TICKET_HEADER];
      // Health checks and schema loads carry no claim: sent once, never retried.
      const claim: Claim = (ticket && pending.get(ticket)) || {
        caller: ANONYMOUS,
        operation: 'mutation',
      };
      if (ticket) pending.delete(ticket);
      const { abortAt, subgraphDeadline } = fetchDeadline(claim.deadline, deadlines);
      // One attempt; a retry signs a token of its own (each token is accepted once).
      const send = async () => {
        const left = abortAt - Date.now();
        if (left <= 0) {
          options.observeFetch?.('timeout', 0);
          throw deadlinePassed();
        }
        const attemptHeaders = { ...headers };
        attemptHeaders[CALLER_HEADER] = await signCallerToken(
          claim.caller,
          options.callerKeys.signing(),
          {
            audience,
            digest: requestDigest(String(init.body ?? '')),
            ...(claim.requestId && { requestId: claim.requestId }),
            deadline: subgraphDeadline,
          },
        );
        const deadline = deadlineSignal(left, deadlines.marginMs);
        const response = await observedFetch(
          input,
          { ...init, headers: attemptHeaders, signal: deadline.signal },
          options.observeFetch,
          deadline.answered,
          options.fetch,
        );
        // Read to its end in time: nothing is left to abort, so the timer goes too.
        if (response instanceof SubgraphResponse) response.whenDone(deadline.done);
        return response;
      };
      // Only a caller's query is shared: a mutation is sent as often as asked, and a fetch
      // without a claim (health checks, schema loads) is rare and anonymous. Shared within the
      // instance's policy: its breaker and bulkhead still judge every request (an open breaker
      // refuses each at once, rather than letting it wait on another's probe); only the fetch
      // on the wire is shared.
      const attempt =
        inFlight && ticket && claim.operation === 'query'
          ? () =>
              inFlight.fetch(
                options.name,
                `${input}\n${visibilityOf(claim.caller)}\n${String(init.body ?? '')}`,
                send,
                (response) => readBoundedBytes(response, maxResponseBytes, options.name),
                abortAt,
                deadlinePassed,
              )
          : send;
      return options.policy
        ? options.policy.run(attempt, { operation: claim.operation, abortAt })
        : attempt();
    }) as unknown as Fetcher;
    super({ url: options.url, fetcher });
    this.#pending = pending;
    this.name = options.name;
    this.#maxResponseBytes = maxResponseBytes;
    this.#reportFailure = options.reportFailure;
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GraphQLResponse> {
    const report = this.#reportFailure;
    if (!report || (options.kind as string) !== INCOMING_OPERATION) return super.process(options);
    try {
      return await super.process(options);
    } catch (error) {
      // @apollo/gateway would report a thrown error once, without a path, as "fetch failed".
      const paths = failedFetchPaths(options.request.query ?? '', options.request.variables ?? {});
      return {
        errors: (paths.length > 0 ? paths : [[]]).map(
          (path) => report(error, path) as NonNullable<GraphQLResponse['errors']>[number],
        ),
      };
    }
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loads carry no caller context: they go as anonymous.
    if (!isGatewayContext(context)) return;
    context.subgraphsCalled.add(this.name);
    const ticket = randomUUID();
    this.#pending.set(ticket, {
      caller: context.caller,
      requestId: context.requestId,
      deadline: context.deadline,
      operation: operationKind(request.query ?? ''),
    });
    request.http?.headers.set(TICKET_HEADER, ticket);
    request.http?.headers.set('x-request-id', context.requestId);
  }

  override parseBody(response: FetcherResponse): Promise<object | string> {
    return readBounded(response, this.#maxResponseBytes, this.name);
  }

  override didReceiveResponse: RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse'] =
    async ({ response, context }) => {
      // Subgraphs name the agencies whose records they returned, for the audit trail.
      const agencies = (response.extensions as { sahem?: { agencies?: unknown } } | undefined)
        ?.sahem?.agencies;
      if (Array.isArray(agencies) && context.agenciesReturned) {
        for (const agency of agencies.slice(0, 256))
          if (typeof agency === 'string' && AGENCY_CODE.test(agency))
            context.agenciesReturned.add(agency);
      }
      return response;
    };
}

/**
 * What a fetch the request's deadline has already passed fails with: the client hears it as a
 * timeout; the instance's breaker does not count it against the instance, which was not asked.
 */
function deadlinePassed(): Error {
  return new SubgraphFailure('deadline', 'the request deadline passed before it was called');
}

/**
 * The response body, parsed as JSON when it says it is, read up to `max` bytes: a subgraph that
 * answers with more (a bug, or a body run by someone else) cannot make the gateway buffer it.
 */
async function readBounded(
  response: FetcherResponse,
  max: number,
  subgraph: string,
): Promise<object | string> {
  const bytes = await readBoundedBytes(response as unknown as Response, max, subgraph);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) {
    return JSON.parse(text) as object;
  }
  return text;
}

/** The bytes of a response body, up to `max`; more fails with `SUBGRAPH_RESPONSE_TOO_LARGE`. */
async function readBoundedBytes(
  response: Response,
  max: number,
  subgraph: string,
): Promise<Uint8Array> {
  // An answer shared by de-duplication was read (and bounded) once already.
  const shared = sharedBytesOf(response);
  if (shared) return shared;
  const tooLarge = () =>
    new GraphQLError(`The ${subgraph} subgraph answered with more than ${max} bytes.`, {
      extensions: { code: 'SUBGRAPH_RESPONSE_TOO_LARGE', serviceName: subgraph },
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  // The gateway's own transport (`subgraphFetch`) answers a Node stream, not a WHATWG one.
  if (response instanceof SubgraphResponse) {
    const bytes = await response.bytesUpTo(max);
    if (!bytes) throw tooLarge();
    return bytes;
  }
  const body = response.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
