import { Agent, type Dispatcher } from 'undici';
import { SubgraphResponse } from './SubgraphResponse.ts';

/** Options of {@link subgraphFetch}. */
export interface SubgraphFetchOptions {
  /**
   * PEM certificate(s) of the authority that signs the subgraphs' certificates. When set, the
   * gateway trusts only it for subgraph calls (not the system's public CAs): agencies' subgraphs
   * are usually on a private PKI. @default the system's CAs
   */
  ca?: string | Buffer | undefined;
}

/** Where one subgraph URL sends: parsed once per URL, not once per fetch. */
interface Target {
  origin: string;
  path: string;
}

/**
 * The `fetch` the gateway calls subgraphs with (operations and `/ready` checks), over undici's
 * `Agent.request` rather than `fetch`: the same connection pool (kept alive, per origin), but
 * without the WHATWG `Request`, `Response` and streams that `fetch` builds around every call,
 * which cost the gateway about a third of its CPU per subgraph fetch (README, "Gateway CPU").
 * It takes what the gateway sends (method, headers as an object, a string body, an abort
 * signal) and answers a {@link SubgraphResponse}: status, headers and a body read once. An
 * abort rejects with the signal's reason (a `TimeoutError` for a deadline), as `fetch` does.
 * Unlike `fetch` it follows no redirect and asks for no compression: a subgraph answers its
 * `/graphql` itself, and a redirect would carry a caller token bound to this request elsewhere.
 */
export function subgraphFetch(options: SubgraphFetchOptions = {}): typeof fetch {
  const dispatcher = new Agent(options.ca ? { connect: { ca: options.ca } } : {});
  const targets = new Map<string, Target>();
  const targetOf = (input: string): Target => {
    let target = targets.get(input);
    if (!target) {
      const url = new URL(input);
      target = { origin: url.origin, path: `${url.pathname}${url.search}` };
      // The subgraph URLs are few (one per subgraph and instance); anything else is not kept.
      if (targets.size < 1_000) targets.set(input, target);
    }
    return target;
  };
  const send = async (input: string | URL, init: RequestInit = {}) => {
    const url = String(input);
    const { origin, path } = targetOf(url);
    const { statusCode, headers, body } = await dispatcher.request({
      origin,
      path,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers as Record<string, string> | undefined,
      body: (init.body as string | undefined) ?? null,
      signal: init.signal ?? null,
    });
    return new SubgraphResponse(url, statusCode, headers, body);
  };
  return send as unknown as typeof fetch;
}
