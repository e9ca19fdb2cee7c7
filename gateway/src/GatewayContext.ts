import type { Caller } from '@sahem/kit';

/** The per-request context of the gateway. */
export interface GatewayContext {
  /** From the client's `x-request-id` or generated; sent to every subgraph and echoed back. */
  requestId: string;
  /** When the gateway stops waiting for this request (epoch ms); every subgraph is told. */
  deadline: number;
  /** Who is asking, from the verified bearer token; `anonymous` without one. */
  caller: Caller;
  /** The client's address (the socket's; `X-Forwarded-For` only behind a trusted proxy). */
  clientIp: string;
  /** Names of the subgraphs this request called, filled while the plan executes. */
  subgraphsCalled: Set<string>;
  /** Agency codes whose records the subgraphs returned (their `extensions.sahem.agencies`). */
  agenciesReturned: Set<string>;
}
