import { setTimeout as sleep } from 'node:timers/promises';

/** What a load run saw. */
export interface LoadReport {
  sent: number;
  ok: number;
  /** Requests that did not come back as a 200 with data and no errors: resets, refusals, errors. */
  failures: { at: number; reason: string }[];
  /** Requests answered after `mark()` was called (those in flight then, and any sent later). */
  okAfterMark: number;
}

/** A steady load of GraphQL requests, sent only while a load balancer would route them. */
export interface SteadyLoad {
  /** Notes the moment something happens (a SIGTERM, a reload). */
  mark(): void;
  /** Stops sending and returns what happened. */
  stop(): Promise<LoadReport>;
  /** Waits until the load balancer stopped routing (or the request bound was reached). */
  unrouted(): Promise<LoadReport>;
}

/**
 * `workers` clients over keep-alive connections, each sending `body` to `url` one request after
 * another, as long as the load balancer routes to the service: a poller asks `readyUrl` every
 * 100 ms (as Kubernetes would) and stops routing on its first non-200, like a balancer taking
 * the replica out. Bounded by `maxRequests`; talks to 127.0.0.1 only.
 */
export function steadyLoad(options: {
  url: string;
  readyUrl?: string;
  body: unknown;
  headers?: Record<string, string>;
  workers?: number;
  maxRequests?: number;
}): SteadyLoad {
  let routing = true;
  let stopped = false;
  let markedAt = Number.POSITIVE_INFINITY;
  const report: LoadReport = { sent: 0, ok: 0, failures: [], okAfterMark: 0 };
  const max = options.maxRequests ?? 5_000;
  const poller = (async () => {
    while (options.readyUrl && routing && !stopped) {
      try {
        if ((await fetch(options.readyUrl)).status !== 200) routing = false;
      } catch {
        routing = false;
      }
      await sleep(100);
    }
  })();
  const worker = async () => {
    while (routing && !stopped && report.sent < max) {
      report.sent += 1;
      const at = Date.now();
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify(options.body),
        });
        const result = (await response.json()) as { data?: unknown; errors?: unknown[] };
        if (response.status === 200 && result.data && !result.errors) {
          report.ok += 1;
          if (Date.now() >= markedAt) report.okAfterMark += 1;
        } else {
          report.failures.push({
            at,
            reason: `HTTP ${response.status} ${JSON.stringify(result.errors)?.slice(0, 200)}`,
          });
        }
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        report.failures.push({ at, reason: `${(error as Error).message} ${cause ?? ''}` });
      }
    }
  };
  const workers = Array.from({ length: options.workers ?? 6 }, worker);
  return {
    mark: () => {
      markedAt = Date.now();
    },
    async stop() {
      stopped = true;
      await Promise.all([...workers, poller]);
      return report;
    },
    async unrouted() {
      await Promise.all(workers);
      stopped = true;
      await poller;
      return report;
    },
  };
}
