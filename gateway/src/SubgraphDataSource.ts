import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  CALLER_HEADER,
  callerAudience,
  requestDigest,
  signCallerToken,
  type Caller,
} from '@sahem/kit';

/** Who a subgraph request is for. */
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

type GraphQLResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;
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

// Agency codes as the registry writes them: a subgraph's report of whose records it returned
// goes into the audit trail, so anything else it sends there is dropped.
const AGENCY_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/**
 * How the gateway calls one subgraph: over the gateway's transport (`subgraphFetch`, undici,
 * which keeps connections alive and pools them per origin), with a timeout per request, forwarding the
 * request id and a caller token minted for this one request: audience this subgraph, bound to
 * the body sent, valid for seconds. The user's own `Authorization` header never leaves the
 * gateway, so whoever runs a subgraph learns who asked, never how to act as them.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly url: string;
  readonly #options: SubgraphDataSourceOptions;
  readonly #audience: string;
  readonly #deadlines: { timeoutMs: number; marginMs: number };
  readonly #maxResponseBytes: number;

  constructor(options: SubgraphDataSourceOptions) {
    this.name = options.name;
    this.url = options.url;
    this.#options = options;
    this.#audience = options.audience ?? callerAudience(options.name);
    this.#deadlines = { timeoutMs: options.timeoutMs, marginMs: options.deadlineMarginMs ?? 100 };
    this.#maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  }

  async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GraphQLResponse> {
    const report = this.#options.reportFailure;
    if (!report || (options.kind as string) !== INCOMING_OPERATION) return this.#request(options);
    try {
      return await this.#request(options);
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

  /**
   * One subgraph request, as `RemoteGraphQLDataSource` sends it (POST, JSON body with the query
   * first, `401`/`403`/other failures as its errors), written out here so that the caller token
   * is minted where both the context and the exact body are known: no `node-fetch` `Headers` and
   * `Request` per fetch, no ticket header carrying the claim from one hook to the next.
   */
  async #request(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GraphQLResponse> {
    const { request } = options;
    // Health checks and schema loads carry no caller context: they go as anonymous, sent once.
    const context = isGatewayContext(options.context) ? options.context : undefined;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    let claim: Claim = { caller: ANONYMOUS, operation: 'mutation' };
    if (context) {
      context.subgraphsCalled.add(this.name);
      headers['x-request-id'] = context.requestId;
      claim = {
        caller: context.caller,
        requestId: context.requestId,
        deadline: context.deadline,
        operation: operationKind(request.query),
      };
    }
    const { http: _http, query, ...rest } = request;
    const body = JSON.stringify({ query, ...rest });
    const response = await this.#fetch(headers, body, claim, context !== undefined);
    if (!response.ok) throw await this.#errorFromResponse(response);
    const answer = await readBounded(response, this.#maxResponseBytes, this.name);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new Error(`Expected JSON response body, but received: ${String(answer)}`);
    }
    const result = answer as GraphQLResponse;
    if (context) noteAgencies(result, context);
    restrictCachePolicy(options, response);
    return { ...result, http: response } as GraphQLResponse;
  }

  /**
   * Sends one request body under the instance's policies, each attempt with a caller token of
   * its own (each token is accepted once): audience this subgraph, bound to the body, with the
   * request's deadline. Only a caller's query is shared with identical ones in flight.
   */
  #fetch(
    headers: Record<string, string>,
    body: string,
    claim: Claim,
    fromCaller: boolean,
  ): Promise<Response> {
    const options = this.#options;
    const input = this.url;
    const { abortAt, subgraphDeadline } = fetchDeadline(claim.deadline, this.#deadlines);
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
          audience: this.#audience,
          digest: requestDigest(body),
          ...(claim.requestId && { requestId: claim.requestId }),
          deadline: subgraphDeadline,
        },
      );
      const deadline = deadlineSignal(left, this.#deadlines.marginMs);
      const response = await observedFetch(
        input,
        { method: 'POST', body, headers: attemptHeaders, signal: deadline.signal },
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
    const inFlight = options.inFlight;
    const attempt =
      inFlight && fromCaller && claim.operation === 'query'
        ? () =>
            inFlight.fetch(
              options.name,
              `${input}\n${visibilityOf(claim.caller)}\n${body}`,
              send,
              (response) => readBoundedBytes(response, this.#maxResponseBytes, options.name),
              abortAt,
              deadlinePassed,
            )
        : send;
    return options.policy
      ? options.policy.run(attempt, { operation: claim.operation, abortAt })
      : attempt();
  }

  /** A non-2xx answer as `RemoteGraphQLDataSource` reports it (`failureReason` reads its status). */
  async #errorFromResponse(response: Response): Promise<GraphQLError> {
    const body = await readBounded(response, this.#maxResponseBytes, this.name);
    return new GraphQLError(`${response.status}: ${response.statusText}`, {
      extensions: {
        response: {
          url: response.url,
          status: response.status,
          statusText: response.statusText,
          body,
        },
        ...(response.status === 401 && { code: 'UNAUTHENTICATED' }),
        ...(response.status === 403 && { code: 'FORBIDDEN' }),
      },
    });
  }
}

/** Subgraphs name the agencies whose records they returned, for the audit trail. */
function noteAgencies(response: GraphQLResponse, context: GatewayContext): void {
  const agencies = (response.extensions as { sahem?: { agencies?: unknown } } | undefined)?.sahem
    ?.agencies;
  if (!Array.isArray(agencies) || !context.agenciesReturned) return;
  for (const agency of agencies.slice(0, 256))
    if (typeof agency === 'string' && AGENCY_CODE.test(agency))
      context.agenciesReturned.add(agency);
}

/**
 * The subgraph's `Cache-Control` narrows the whole response's cache policy, as
 * `RemoteGraphQLDataSource` does for an incoming operation.
 */
function restrictCachePolicy(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  response: Response,
): void {
  if ((options.kind as string) !== INCOMING_OPERATION) return;
  const policy = (options as { incomingRequestContext?: { overallCachePolicy?: unknown } })
    .incomingRequestContext?.overallCachePolicy as
    { restrict?: (hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void } | undefined;
  if (!policy?.restrict) return;
  const header = response.headers.get('cache-control');
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  for (const part of (header ?? '').split(',')) {
    const [name, raw] = part
      .trim()
      .toLowerCase()
      .split(/\s*=\s*/, 2);
    const value = raw?.replace(/^"|"$/g, '');
    if (name === 'max-age' && value && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    if (name === 'private') hint.scope = 'PRIVATE';
    if (name === 'public') hint.scope = 'PUBLIC';
  }
  policy.restrict(hint);
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
  response: Response,
  max: number,
  subgraph: string,
): Promise<object | string> {
  const bytes = await readBoundedBytes(response, max, subgraph);
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
