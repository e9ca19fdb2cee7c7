/** The per-request context of the gateway. */
export interface GatewayContext {
  /** From the client's `x-request-id` or generated; sent to every subgraph and echoed back. */
  requestId: string;
  /** The caller's `Authorization` header, forwarded as is to the subgraphs. */
  authorization?: string;
}
