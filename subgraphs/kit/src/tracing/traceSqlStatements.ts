import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type pg from 'pg';

const tracer = trace.getTracer('sahem');
type Query = (...args: unknown[]) => unknown;

/**
 * A span for every statement sent through `pool`, child of the request's span: the statement's
 * text as sent (parameters are placeholders, so no value, personal or not, is exported).
 */
export function traceSqlStatements(pool: pg.Pool, database: string): void {
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (...args) => {
      const config = args[0] as { text?: unknown; submit?: unknown } | string;
      const text =
        typeof config === 'string' ? config : typeof config?.text === 'string' ? config.text : '';
      if (typeof config === 'object' && typeof config?.submit === 'function') return query(...args);
      const span = tracer.startSpan(
        text.split(/\s/, 1)[0] || 'query',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'postgresql',
            'db.namespace': database,
            'db.query.text': text.slice(0, 2_000),
          },
        },
        context.active(),
      );
      const end = (error?: unknown) => {
        if (error)
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        span.end();
      };
      const last = args.at(-1);
      if (typeof last === 'function') {
        return query(...args.slice(0, -1), (error: unknown, result: unknown) => {
          end(error);
          (last as (e: unknown, r: unknown) => void)(error, result);
        });
      }
      const result = query(...args) as Promise<unknown>;
      result.then(() => end(), end);
      return result;
    };
  });
}
