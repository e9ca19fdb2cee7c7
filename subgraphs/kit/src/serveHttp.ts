import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

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
}

/** A certificate chain and its private key, PEM-encoded. */
export interface TlsFiles {
  cert: string | Buffer;
  key: string | Buffer;
}

/** A listening service. */
export interface HttpService {
  server: Server;
  port: number;
  /** Base URL, e.g. `http://127.0.0.1:4001` (`https:` with TLS). */
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
  const listener: RequestListener = (req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (closing) closeAfter(res);
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(error instanceof BodyTooLarge ? 413 : 500);
      res.end();
    });
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
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
    const host = options.host ?? '127.0.0.1';
    server.listen(options.port, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        port,
        url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
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
