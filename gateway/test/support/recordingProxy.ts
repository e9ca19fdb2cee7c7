import { createServer, request, type IncomingHttpHeaders } from 'node:http';
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
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const proxy: RecordingProxy = {
    url: '',
    requests: [],
    bodies: [],
    connections: 0,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
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
    req.pipe(forward);
  });
  server.on('connection', () => (proxy.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
