import { Writable } from 'node:stream';
import { tracing } from '@opentelemetry/sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startTracing, type Tracing } from '@sahem/kit';
import { loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

// Spans go to memory: the exporter is the only stand-in, every span is made for real and the
// trace context travels between the services over real HTTP headers.
const exporter = new tracing.InMemorySpanExporter();
let tracer: Tracing;
let graph: Graph;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  tracer = startTracing({
    serviceName: 'sahem-test',
    spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  graph = await startGraph({
    gateway: { logger: createLogger({ service: 'gateway', level: 'info', destination }) },
  });
  await loadFixture(graph);
});
afterAll(async () => {
  await graph?.stop();
  await tracer?.shutdown();
});

const DEPLOYABLE = /* GraphQL */ `
  query Deployable {
    volunteers(filter: { regionCode: "SA-01" }, first: 5) {
      edges {
        node {
          id
          participations {
            program {
              id
              agency {
                code
              }
            }
          }
        }
      }
    }
  }
`;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(graph.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });

describe('tracing', () => {
  it('carries the W3C trace context client → gateway → subgraph → SQL, and returns the trace id', async () => {
    exporter.reset();
    const authorization = `Bearer ${await graph.token({ role: 'platform_admin', subject: 'admin-trace' })}`;
    const response = await post(DEPLOYABLE, {
      authorization,
      traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`,
    });
    expect(((await response.json()) as any).errors).toBeUndefined();
    expect(response.headers.get('x-trace-id')).toBe(TRACE_ID);
    expect(response.headers.get('traceresponse')).toMatch(
      new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`),
    );
    await expect
      .poll(() => exporter.getFinishedSpans().filter((s) => s.name.startsWith('SELECT')).length)
      .toBeGreaterThan(1);

    const spans = exporter
      .getFinishedSpans()
      .filter((span) => span.spanContext().traceId === TRACE_ID);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const parentOf = (span: (typeof spans)[number]) => span.parentSpanContext?.spanId;
    const serverOf = (service: string) =>
      spans.filter((span) => span.kind === 1 && span.attributes['service.name'] === service);

    // The gateway's request continues the client's span.
    const [gateway] = serverOf('gateway');
    expect(gateway && parentOf(gateway)).toBe(CLIENT_SPAN);
    // Planning and one span per fetch, from @apollo/gateway, inside it.
    expect(spans.some((span) => span.name === 'gateway.plan')).toBe(true);
    const fetches = spans.filter((span) => span.name === 'gateway.fetch');
    expect(fetches.length).toBeGreaterThanOrEqual(2);
    // Each subgraph's server span is the child of a gateway fetch: the context crossed HTTP.
    for (const service of ['volunteers', 'programs']) {
      const [server] = serverOf(service);
      expect(server, service).toBeDefined();
      expect(byId.get(parentOf(server!)!)?.name).toBe('gateway.fetch');
    }
    // SQL statements are spans under the subgraphs' requests, their text without values.
    const sql = spans.filter((span) => span.attributes['db.system.name'] === 'postgresql');
    expect(sql.length).toBeGreaterThan(1);
    for (const statement of sql) {
      let ancestor = byId.get(parentOf(statement)!);
      while (ancestor && ancestor.kind !== 1) ancestor = byId.get(parentOf(ancestor)!);
      expect(['volunteers', 'programs']).toContain(ancestor?.attributes['service.name']);
    }
    expect(
      sql.some((span) => String(span.attributes['db.query.text']).includes('"Volunteer"')),
    ).toBe(true);
    expect(sql.map((span) => String(span.attributes['db.query.text'])).join(' ')).not.toContain(
      'SA-01',
    );
  });
});

describe('metrics', () => {
  const scrape = async (base: string) => {
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };
  const valueOf = (text: string, series: RegExp) =>
    Number(
      text
        .split('\n')
        .find((line) => series.test(line))
        ?.split(' ')
        .at(-1) ?? NaN,
    );

  it('counts requests by operation and outcome, fetches per subgraph and instance, plan cache and audit', async () => {
    const authorization = `Bearer ${await graph.token({ role: 'platform_admin', subject: 'admin-metrics' })}`;
    await post(DEPLOYABLE, { authorization });
    await post(DEPLOYABLE, { authorization });
    await post('{ nope }', { authorization });
    const text = await scrape(graph.gateway.http.url);
    expect(
      valueOf(text, /^sahem_graphql_requests_total\{.*operation="Deployable",outcome="ok"/),
    ).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(text, /^sahem_graphql_errors_total\{.*code="GRAPHQL_VALIDATION_FAILED"/),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /^sahem_graphql_request_duration_seconds_bucket\{.*operation="Deployable"/m,
    );
    expect(
      valueOf(
        text,
        /^sahem_gateway_subgraph_fetch_duration_seconds_count\{.*subgraph="programs",instance="programs",outcome="ok"/,
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(text, /^sahem_gateway_query_plan_cache_total\{.*result="hit"/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(text, /^sahem_gateway_query_plan_cache_total\{.*result="miss"/),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^sahem_gateway_audit_queue_depth\{service="gateway"\} \d+/m);
    expect(
      valueOf(text, /^sahem_gateway_audit_records\{.*result="written"/),
    ).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^sahem_graphql_requests_in_flight\{service="gateway"\} \d+/m);
    expect(text).toMatch(/^# TYPE sahem_gateway_subgraph_breaker_state gauge/m);
  });

  it("exports each subgraph's requests and database pool", async () => {
    const text = await scrape(graph.programs.http.url);
    expect(
      valueOf(text, /^sahem_graphql_requests_total\{.*service="programs"/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(text, /^sahem_db_pool_connections\{.*pool="main",state="total"/),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^sahem_db_pool_connections\{[^}]*state="waiting"[^}]*\} 0$/m);
  });

  it('keeps operation names a caller invents to a bounded set', async () => {
    const before = (await scrape(graph.gateway.http.url)).split('\n').length;
    for (let i = 0; i < 30; i++) await post(`query Invented${i} { agencies { code } }`);
    const after = await scrape(graph.gateway.http.url);
    // Each new name adds its series (bounded at 500 names); none is unbounded text.
    expect(after.split('\n').length).toBeGreaterThan(before);
    expect(after).not.toMatch(/operation="[^"]{101,}"/);
  });
});

describe('the request log', () => {
  it('writes one line per request with its ids, operation, subgraphs, outcome and duration, control characters escaped', async () => {
    lines.length = 0;
    const authorization = `Bearer ${await graph.token({ role: 'platform_admin', subject: 'admin-log' })}`;
    await post(DEPLOYABLE, {
      authorization,
      'x-request-id': 'req-log-1',
      traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`,
    });
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-log-2' },
      body: JSON.stringify({
        query: '{ agencies { code } }',
        operationName: 'Evil\nforged line \u001b[31m',
      }),
    });
    await response.text();
    await expect.poll(() => lines.length).toBeGreaterThanOrEqual(2);
    const first = lines.find((line) => line.requestId === 'req-log-1')!;
    expect(first).toMatchObject({
      service: 'gateway',
      msg: 'request',
      traceId: TRACE_ID,
      operation: 'Deployable',
      operationType: 'query',
      outcome: 'ok',
      status: 200,
    });
    expect((first.subgraphs as string[]).sort()).toEqual(['programs', 'volunteers']);
    expect(typeof first.durationMs).toBe('number');
    // No personal data, no caller identity: the audit trail holds who.
    expect(JSON.stringify(first)).not.toMatch(/admin-log|authorization|SA-01/);
    const second = lines.find((line) => line.requestId === 'req-log-2')!;
    expect(second.operation).toBe('Evil\\u000aforged line \\u001b[31m');
    expect(second.outcome).toBe('error');
    expect(second.errors).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('says the cause of a failure once per request, without a stack trace per error', async () => {
    await graph.programs.stop();
    lines.length = 0;
    const authorization = `Bearer ${await graph.token({ role: 'platform_admin', subject: 'admin-log' })}`;
    const response = await post(DEPLOYABLE, { authorization, 'x-request-id': 'req-log-3' });
    const body = (await response.json()) as any;
    expect(body.errors.length).toBeGreaterThan(0);
    await expect.poll(() => lines.filter((line) => line.requestId === 'req-log-3').length).toBe(1);
    const line = lines.find((each) => each.requestId === 'req-log-3')!;
    // (Whether the rest of the answer survives is the schema's nullability, not the log's.)
    expect(line).toMatchObject({ level: 50, subgraphs: expect.arrayContaining(['programs']) });
    expect(['partial', 'error']).toContain(line.outcome);
    expect(String(line.cause)).toMatch(/ECONNREFUSED|fetch failed/);
    expect(String(line.cause)).not.toContain('\n');
    expect(lines).toHaveLength(1);
  });
});
