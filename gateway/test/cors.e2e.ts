import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import type { GatewayWebOptions } from '../src/server.ts';
import { launchBrowser, type TestBrowser } from './support/launchBrowser.ts';
import { ADMIN, startGraph, type Graph } from './support/startGraph.ts';

// CORS as browsers see it: preflights, the allowed origin echoed, no credentials, CSRF
// prevention still on; then a real page on another origin (another port of 127.0.0.1) calling
// the gateway from Chromium.
let graph: Graph;
let token: string;
let page: { server: Server; origin: string };
let browser: TestBrowser;
const gateways: RunningGateway[] = [];

async function gatewayWith(web: GatewayWebOptions, production = false) {
  const gateway = await startGateway({ ...graph.gatewayDeps, production, web }, { port: 0 });
  gateways.push(gateway);
  return gateway;
}

/** A page of its own origin that calls a gateway with a bearer token, as a frontend would. */
const PAGE = `<!doctype html><html><body><script>
  window.callGateway = async (url, token) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: '{ agencies { code } }' }),
    });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
  };
</script></body></html>`;

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  token = await graph.token(ADMIN);
  const server = createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  page = { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  page?.server.close();
  for (const gateway of gateways) await gateway.stop();
  await graph?.stop();
});

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
}

describe('CORS over HTTP', () => {
  it('answers a preflight from an allowed origin with what it may send, never credentials', async () => {
    const gateway = await gatewayWith({ corsOrigins: ['https://analytics.example.sa'] }, true);
    const response = await preflight(gateway.url, 'https://analytics.example.sa');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'https://analytics.example.sa',
    );
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('refuses a preflight from any other origin with 403, and sends it no CORS headers', async () => {
    const gateway = await gatewayWith({ corsOrigins: ['https://analytics.example.sa'] }, true);
    const response = await preflight(gateway.url, 'https://elsewhere.example.com');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('GATEWAY_CORS_ORIGINS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin by default in production, and this machine by default in development', async () => {
    const production = await gatewayWith({}, true);
    expect((await preflight(production.url, 'http://localhost:5173')).status).toBe(403);
    const development = await gatewayWith({}, false);
    expect((await preflight(development.url, 'http://localhost:5173')).status).toBe(204);
    expect((await preflight(development.url, 'https://example.com')).status).toBe(403);
  });

  it('answers any origin with "*" when configured so', async () => {
    const gateway = await gatewayWith({ corsOrigins: '*' }, true);
    const response = await preflight(gateway.url, 'https://anyone.example.org');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("keeps Apollo Server's CSRF prevention: a simple cross-origin request is refused before it runs", async () => {
    const gateway = await gatewayWith({ corsOrigins: ['https://analytics.example.sa'] }, true);
    const response = await fetch(
      `${gateway.url}?query=${encodeURIComponent('{ agencies { code } }')}`,
      {
        headers: { origin: 'https://analytics.example.sa' },
      },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('CORS from a real browser page on another origin', () => {
  it('calls the gateway through a preflight when the origin is allowed', async () => {
    const gateway = await gatewayWith({ corsOrigins: [page.origin] }, true);
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const result = await tab.evaluate(
      ([url, bearer]) => (globalThis as any).callGateway(url, bearer),
      [gateway.url, token],
    );
    expect(result.status).toBe(200);
    expect(result.body.data.agencies).toEqual(expect.any(Array));
    // Exposed to the page: a frontend can quote it when reporting a problem.
    expect(result.requestId).toMatch(/^[\w-]+$/);
    await tab.close();
  });

  it('is refused by the browser when the origin is not allowed', async () => {
    const gateway = await gatewayWith({ corsOrigins: ['https://analytics.example.sa'] }, true);
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const outcome = await tab.evaluate(
      ([url, bearer]) =>
        (globalThis as any).callGateway(url, bearer).then(
          () => 'answered',
          (error: Error) => error.name,
        ),
      [gateway.url, token],
    );
    expect(outcome).toBe('TypeError');
    await tab.close();
    expect(browser.blocked).toEqual([]);
  });
});
