import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HeaderMap,
  type ApolloServer,
  type BaseContext,
  type HTTPGraphQLRequest,
} from '@apollo/server';

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
}

/** What `prepareRequest` makes of a GraphQL request: the request to run, or a refusal. */
export type PreparedRequest =
  { request: HTTPGraphQLRequest } | { refusal: { status: number; code: string; message: string } };

/** A listening service. */
export interface HttpService {
  server: Server;
  port: number;
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string;
  /** Stops accepting connections and resolves once requests in flight have finished. */
  close(): Promise<void>;
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
  // A keep-alive connection busy when close() begins would otherwise stay open until its idle
  // timeout: tell the client, and drop the connection as soon as its response is out.
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
    res.once('finish', () => server.closeIdleConnections());
  };
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) closeAfter(res);
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(error instanceof BodyTooLarge ? 413 : 500);
      res.end();
    });
  });
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.intercept && (await options.intercept(req, res))) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
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
    const body = req.method === 'POST' ? await readJson(req, maxBodyBytes) : undefined;
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
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        port,
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            for (const res of inFlight) closeAfter(res);
            server.close(() => done());
            // Idle keep-alive sockets would hold close() open; busy ones finish their request.
            server.closeIdleConnections();
          }),
      });
    });
  });
}

class BodyTooLarge extends Error {}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
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
