import type { Registry } from 'prom-client';
import type { Route } from '../serveHttp.ts';

/** `GET /metrics`: the registry in Prometheus' text format. */
export function metricsRoute(registry: Registry): Route {
  return async (_, res) => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType }).end(body);
  };
}
