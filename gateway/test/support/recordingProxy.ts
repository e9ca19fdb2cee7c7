import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pass-through HTTP proxy in front of a subgraph that records what the gateway sends. */
export interface RecordingProxy {
  url: string;
  /** Headers of every request received, in order. */
  requests: IncomingHttpHeaders[];
  /** Bodies of every request received, in the same order. */
  bodies: string[];
  /** TCP connections the gateway opened to the proxy. */
  connections: number;
  /** TCP connections open now, and the most open at once since `resetMaxOpen`. */
  open: number;
  maxOpen: number;
  resetMaxOpen(): void;
  close(): Promise<void>;
}

/**
 * Starts a proxy to `target`; with `delayMs`, each request waits that long before it is read
 * and forwarded (a slow link, so that requests overlap in flight).
 */
export async function startRecordingProxy(
  target: string,
  options: { delayMs?: number } = {},
): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const proxy: RecordingProxy = {
    url: '',
    requests: [],
    bodies: [],
    connections: 0,
    open: 0,
    maxOpen: 0,
    resetMaxOpen: () => (proxy.maxOpen = proxy.open),
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    if (options.delayMs) setTimeout(() => handle(req, res), options.delayMs);
    else handle(req, res);
  });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    proxy.requests.push(req.headers);
    const index = proxy.bodies.push('') - 1;
    req.on('data', (chunk: Buffer) => (proxy.bodies[index] += chunk.toString('utf8')));
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: upstream.pathname,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // An upstream that is gone is a 502, as a reverse proxy in front of a subgraph answers.
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream unavailable');
    });
    req.pipe(forward);
  };
  server.on('connection', (socket) => {
    proxy.connections += 1;
    proxy.open += 1;
    proxy.maxOpen = Math.max(proxy.maxOpen, proxy.open);
    socket.once('close', () => (proxy.open -= 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
