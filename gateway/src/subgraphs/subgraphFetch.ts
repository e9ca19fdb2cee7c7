import { Agent, fetch as undiciFetch } from 'undici';

/** Options of {@link subgraphFetch}. */
export interface SubgraphFetchOptions {
  /**
   * PEM certificate(s) of the authority that signs the subgraphs' certificates. When set, the
   * gateway trusts only it for subgraph calls (not the system's public CAs): agencies' subgraphs
   * are usually on a private PKI. @default the system's CAs (Node's own `fetch`)
   */
  ca?: string | Buffer | undefined;
}

/**
 * The `fetch` the gateway calls subgraphs with (operations and `/ready` checks). Node's
 * built-in `fetch` takes no CA option, so with a CA it is undici's own `fetch` over an
 * `Agent` that trusts that CA; both keep connections alive and pool them per origin.
 */
export function subgraphFetch(options: SubgraphFetchOptions = {}): typeof fetch {
  if (!options.ca) return fetch;
  const dispatcher = new Agent({ connect: { ca: options.ca } });
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
}
