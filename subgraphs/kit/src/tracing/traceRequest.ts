import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { RequestRecord } from '../observability/requestRecord.ts';

const tracer = trace.getTracer('sahem');

/**
 * Runs `work` (one HTTP request) inside a server span that continues the caller's W3C trace
 * (`traceparent`), so the gateway's spans and the subgraphs' join the client's trace; the trace
 * id goes into the response (`traceresponse`, `x-trace-id`) and the request's record (its log
 * line). Ends the span when the response is out.
 */
export function traceRequest<T>(
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  service: string,
  work: () => T,
): T {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const path = (req.url ?? '/').split('?')[0]!;
  const span = tracer.startSpan(
    `${req.method ?? 'GET'} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method ?? 'GET',
        'url.path': path,
        'service.name': service,
      },
    },
    parent,
  );
  const { traceId, spanId } = span.spanContext();
  record.traceId = traceId;
  res.setHeader('traceresponse', `00-${traceId}-${spanId}-01`);
  res.setHeader('x-trace-id', traceId);
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (record.operationName) span.setAttribute('graphql.operation.name', record.operationName);
    if (res.statusCode >= 500 || record.cause) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), work);
}

/** Adds the current trace context (`traceparent`) to headers going to another service. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}
