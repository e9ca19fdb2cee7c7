import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  HeaderMap,
  type ApolloServer,
  type BaseContext,
  type HTTPGraphQLRequest,
} from '@apollo/server';
import { requestDigest } from './auth/callerToken.ts';
import { withDeadlineScope } from './deadlines/requestDeadline.ts';
import type { RequestObserver } from './observability/requestObserver.ts';
import { withRequestRecord, type RequestRecord } from './observability/requestRecord.ts';
import { tracingEnabled } from './tracing/startTracing.ts';
import { traceRequest } from './tracing/traceRequest.ts';

// What each request's digest is taken of, as it arrived, for the caller-token check (which must
// compare against the exact bytes, not a re-serialisation of what was parsed). Hashed only when
// asked: subgraphs check every request, the gateway (which checks bearer tokens) never asks.
const digested = new WeakMap<IncomingMessage, { content: string | Buffer; digest?: string }>();

/** {@link requestDigest} of a request served by {@link serveHttp}: its body (POST) or target (GET). */
export function requestDigestOf(req: IncomingMessage): string | undefined {
  const entry = digested.get(req);
  if (!entry) return undefined;
  return (entry.digest ??= requestDigest(entry.content));
}

/** A plain HTTP route beside GraphQL, such as `GET /health`. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Options of {@link serveHttp}. */
export interface ServeHttpOptions<TContext extends BaseContext> {
  /** A started Apollo Server. */
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context (loaders, caller, request id). */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Extra `GET` routes by path. */
  routes?: Record<string, Route>;
  port: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Certificate and key (PEM): serve HTTPS instead of HTTP. @default plain HTTP */
  tls?: TlsFiles | undefined;
  /** Largest accepted request body. @default 1 MiB */
  maxBodyBytes?: number;
  /**
   * Sees every request first and returns `true` when it has answered it (a CORS preflight, a
   * static file); it may also set headers on the response and return `false`. @default none
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /**
   * Rewrites a GraphQL request before Apollo Server reads it, or refuses it with a GraphQL error
   * (a stable `extensions.code` and a 4xx). @default none
   */
  prepareRequest?: (
    request: HTTPGraphQLRequest,
    req: IncomingMessage,
  ) => PreparedRequest | Promise<PreparedRequest>;
  /**
   * What `GET /ready` reports while the service runs (its database, its subgraphs); from the
   * moment shutdown begins it answers 503 without asking. @default always ready
   */
  readiness?: () => Promise<Readiness>;
  /** The service's name, on its spans. @default 'sahem' */
  service?: string;
  /** Metrics and the log line of each GraphQL request. @default none */
  observer?: RequestObserver;
  /**
   * Run each request in a deadline scope (`setRequestDeadline`), which carries the caller
   * token's deadline to every SQL statement. A service that sends no SQL on its callers'
   * behalf (the gateway) turns it off: on Node 20 every `AsyncLocalStorage` in use makes every
   * promise of every request dearer. @default true
   */
  deadlineScope?: boolean;
}

/** A service's answer to `GET /ready`: 200 when `ready`, 503 otherwise, with the details. */
export interface Readiness {
  ready: boolean;
  [detail: string]: unknown;
}

/** How a service stops. */
export interface ShutdownOptions {
  /**
   * How long requests are still served, each answered with `Connection: close`, after `/ready`
   * turned 503: the time a load balancer needs to stop sending new ones. @default 0
   */
  drainMs?: number;
  /** How long requests in flight may still take once the listener is closed; then their connections are cut. @default 10000 */
  timeoutMs?: number;
}

/** A certificate chain and its private key, PEM-encoded. */
export interface TlsFiles {
  cert: string | Buffer;
  key: string | Buffer;
}

/** What `prepareRequest` makes of a GraphQL request: the request to run, or a refusal. */
export type PreparedRequest =
  { request: HTTPGraphQLRequest } | { refusal: { status: number; code: string; message: string } };

/** A listening service. */
export interface HttpService {
  server: Server;
  port: number;
  /** Base URL, e.g. `http://127.0.0.1:4001` (`https:` with TLS). */
  url: string;
  /**
   * Shuts down without resetting a request: `/ready` turns 503, requests are still served for
   * `drainMs` (each on a connection closed after its response), then the listener closes, idle
   * connections are closed, and requests in flight get `timeoutMs` to finish.
   */
  close(options?: ShutdownOptions): Promise<void>;
  /** Whether shutdown has begun. */
  readonly stopping: boolean;
}

/** Where GraphQL is served on every service of the graph. */
export const GRAPHQL_PATH = '/graphql';

/**
 * Serves an Apollo Server over Node's own `http` module: GraphQL at `/graphql` and the given
 * plain routes. No web framework: Apollo Server 5 dropped its Express coupling, and the few
 * routes a service needs do not justify one.
 */
export function serveHttp<TContext extends BaseContext>(
  options: ServeHttpOptions<TContext>,
): Promise<HttpService> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  // From the start of shutdown every response closes its connection (the client opens a new
  // one, elsewhere once the load balancer has moved on); idle connections are not cut while
  // the drain lasts, since a client may be sending on one at that very moment.
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  const listener: RequestListener = (req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) closeAfter(res);
    // Each request carries its own deadline (set once its caller is known) down to SQL, and a
    // record of what it did, read once its response is out (metrics, its log line).
    const record: RequestRecord = { startedAt: Date.now(), errorCodes: new Set() };
    if (options.observer && req.url?.startsWith(GRAPHQL_PATH)) {
      const observer = options.observer;
      observer.started(record);
      res.once('close', () => observer.finished(record, res.statusCode));
    }
    const work =
      options.deadlineScope === false
        ? () => withRequestRecord(record, () => handle(req, res))
        : () => withDeadlineScope(() => withRequestRecord(record, () => handle(req, res)));
    (tracingEnabled()
      ? traceRequest(req, res, record, options.service ?? 'sahem', work)
      : work()
    ).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        refuse(
          res,
          413,
          'PAYLOAD_TOO_LARGE',
          `The request body is larger than ${maxBodyBytes} bytes.`,
        );
        return;
      }
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url);
    if (!url) {
      refuse(res, 400, 'BAD_REQUEST', 'The request target is not a valid path or URL.');
      return;
    }
    if (url.pathname === '/ready' && req.method === 'GET') return ready(res);
    if (options.intercept && (await options.intercept(req, res))) return;
    const route = options.routes?.[url.pathname];
    if (route && req.method === 'GET') return route(req, res);
    if (url.pathname !== GRAPHQL_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : undefined;
    digested.set(req, { content: raw ?? req.url ?? '/' });
    const body = raw === undefined ? undefined : parseJson(raw);
    const nested = [body, ...['variables', 'extensions'].map((key) => queryJson(url, key))];
    if (nested.some((value) => nestedDeeperThan(value, MAX_JSON_DEPTH))) {
      refuse(
        res,
        400,
        'BAD_REQUEST',
        `The request nests JSON values more than ${MAX_JSON_DEPTH} levels deep; no operation of this graph needs that.`,
      );
      return;
    }
    let httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method ?? 'GET',
      headers,
      search: url.search,
      body,
    };
    if (options.prepareRequest) {
      const prepared = await options.prepareRequest(httpGraphQLRequest, req);
      if ('refusal' in prepared) {
        const { status, code, message } = prepared.refusal;
        sendJson(res, status, { errors: [{ message, extensions: { code } }] });
        return;
      }
      httpGraphQLRequest = prepared.request;
    }
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(req),
    });
    // Every answer is for its caller: no cache between the subgraph and the gateway keeps it.
    res.setHeader('cache-control', 'no-store');
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function ready(res: ServerResponse): Promise<void> {
    if (closing) return sendJson(res, 503, { status: 'stopping' });
    const { ready: isReady, ...details } = options.readiness
      ? await options.readiness()
      : { ready: true };
    sendJson(res, isReady ? 200 : 503, { status: isReady ? 'ready' : 'unavailable', ...details });
  }

  async function close(shutdown: ShutdownOptions = {}): Promise<void> {
    if (closing) return;
    closing = true;
    for (const res of inFlight) closeAfter(res);
    if (shutdown.drainMs) await new Promise((resolve) => setTimeout(resolve, shutdown.drainMs));
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    const timeoutMs = shutdown.timeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((done) => {
      timer = setTimeout(() => {
        // Past the bound, whatever still runs is cut off rather than holding the shutdown.
        server.closeAllConnections();
        done();
      }, timeoutMs);
    });
    await Promise.race([closed, late]);
    clearTimeout(timer);
    await closed;
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const host = options.host ?? '127.0.0.1';
    server.listen(options.port, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        port,
        url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
        close,
        get stopping() {
          return closing;
        },
      });
    });
  });
}

class BodyTooLarge extends Error {}

// Deeper than any input type of the graph; bounds every recursive walk of variables after it
// (coercion, cost estimates), which a body nesting values 500,000 levels deep would overflow.
const MAX_JSON_DEPTH = 64;

/** The request target as a URL: origin-form (`/graphql?…`) or absolute-form; null if neither. */
function requestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** A JSON search parameter of a GET request, parsed; undefined when absent or not JSON. */
function queryJson(url: URL, key: string): unknown {
  const text = url.searchParams.get(key);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether `value` nests arrays or objects deeper than `max`, found without recursion. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const inner of Object.values(item)) stack.push([inner, depth + 1]);
  }
  return false;
}

/** Answers with a GraphQL-shaped error body and a 4xx status, before any GraphQL work. */
function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Apollo Server answers a non-object body with a clear 400; hand it the raw text.
    return text;
  }
}

/** Answers `GET` with a JSON body and status. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
