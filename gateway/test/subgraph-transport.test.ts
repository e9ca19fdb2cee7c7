import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@sahem/kit';
import { fixedCallerKeys } from '../src/auth/callerKeys.ts';
import { deadlineSignal } from '../src/deadlines/deadlineSignal.ts';
import { SubgraphDataSource } from '../src/SubgraphDataSource.ts';
import { subgraphFetch } from '../src/subgraphs/subgraphFetch.ts';
import { SubgraphResponse } from '../src/subgraphs/SubgraphResponse.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A real HTTP server on an ephemeral port, answering with `handler`; counts its connections. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res));
  });
  const state = { connections: 0, closed: 0 };
  server.on('connection', (socket) => {
    state.connections += 1;
    socket.on('close', () => (state.closed += 1));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, state };
}

const post = (signal?: AbortSignal) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ __typename }' }),
  ...(signal && { signal }),
});

const timeout = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

describe('subgraphFetch', () => {
  it('answers status, headers and body over one kept-alive connection', async () => {
    const { url, state } = await serve((req, res) => {
      res.writeHead(201, {
        'content-type': 'application/json',
        'x-seen': req.headers['content-type'],
      });
      res.end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
    const send = subgraphFetch();
    for (let i = 0; i < 3; i++) {
      // The connection goes back to the pool once the response has been handled.
      await new Promise((resolve) => setImmediate(resolve));
      const response = await send(url, post());
      expect(response).toBeInstanceOf(SubgraphResponse);
      expect([response.ok, response.status, response.statusText]).toEqual([true, 201, 'Created']);
      expect(response.headers.get('Content-Type')).toBe('application/json');
      expect(response.headers.get('x-seen')).toBe('application/json');
      expect(response.headers.get('x-absent')).toBeNull();
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
    expect(state.connections).toBe(1);
  });

  it('reports a 5xx as not ok, with its body', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    });
    const response = await subgraphFetch()(url, post());
    expect([response.ok, response.status, await response.text()]).toEqual([false, 503, 'busy']);
  });

  it('reads at most the bound of a body sent without a length, then drops the connection', async () => {
    const { url, state } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent += 1;
        if (sent < 64) res.once('drain', more);
        else res.end();
      };
      more();
    });
    const response = (await subgraphFetch()(url, post())) as unknown as SubgraphResponse;
    expect(await response.bytesUpTo(100 * 1024)).toBeUndefined();
    // The connection it came on is closed (undici may open a fresh one for the pool).
    await expect.poll(() => state.closed).toBeGreaterThanOrEqual(1);
  });

  it('rejects with the deadline as TimeoutError when no answer comes in time', async () => {
    const { url } = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(timeout()), 50);
    await expect(subgraphFetch()(url, post(controller.signal))).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('keeps a body that fails before anyone reads it from crashing the process, and reports it on read', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const response = (await subgraphFetch()(url, post())) as unknown as SubgraphResponse;
    // The connection is reset while nothing listens to the body (a retry decision, a slot).
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(response.bytesUpTo(1024)).rejects.toBeInstanceOf(Error);
    await expect(response.text()).rejects.toBeInstanceOf(Error);
  });

  it('keeps an aborted body nobody reads from crashing the process', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const controller = new AbortController();
    await subgraphFetch()(url, post(controller.signal));
    controller.abort(timeout());
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  it('fails the read with TimeoutError when the deadline passes while the body streams', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const controller = new AbortController();
    const response = (await subgraphFetch()(
      url,
      post(controller.signal),
    )) as unknown as SubgraphResponse;
    setTimeout(() => controller.abort(timeout()), 50);
    await expect(response.bytesUpTo(1024)).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('SubgraphDataSource over subgraphFetch', () => {
  it.each([
    ['with a content-length', true],
    ['streamed without one', false],
  ])(
    'fails an answer above maxResponseBytes (%s) with SUBGRAPH_RESPONSE_TOO_LARGE',
    async (_, declared) => {
      const body = JSON.stringify({ data: { __typename: 'x'.repeat(10_000) } });
      const { url } = await serve((_, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(declared && { 'content-length': Buffer.byteLength(body) }),
        });
        res.end(body);
      });
      const source = new SubgraphDataSource({
        name: 'volunteers',
        url,
        timeoutMs: 5_000,
        maxResponseBytes: 4_096,
        callerKeys: fixedCallerKeys(await generateSigningKey('k1')),
        fetch: subgraphFetch(),
      });
      await expect(
        source.process({
          kind: 'health check',
          request: { query: '{ __typename }' },
          context: {},
        } as unknown as Parameters<SubgraphDataSource['process']>[0]),
      ).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_RESPONSE_TOO_LARGE' } });
    },
  );
});

describe('deadlineSignal', () => {
  it('aborts an answered fetch whose body is not read within the grace', async () => {
    const deadline = deadlineSignal(1_000, 20);
    deadline.answered();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('leaves a fetch read to its end alone: no abort after the grace', async () => {
    const deadline = deadlineSignal(40, 20);
    deadline.answered();
    deadline.done();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deadline.signal.aborted).toBe(false);
  });
});
