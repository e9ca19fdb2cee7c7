import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Caller } from './auth/caller.ts';
import { callerTokenOf, type CallerAuthenticator } from './auth/callerToken.ts';
import { setRequestDeadline } from './deadlines/requestDeadline.ts';
import { DEADLINE_EXCEEDED } from './errors.ts';
import { currentRequestRecord } from './observability/requestRecord.ts';
import { requestDigestOf } from './serveHttp.ts';

/** What every subgraph's context starts from. */
export interface BaseSubgraphContext {
  /** Who is asking, from the gateway's verified caller token. */
  caller: Caller;
  /** Agencies whose records the response carries, reported to the gateway's audit trail. */
  agencies: Set<string>;
  /** Correlates this request with the gateway's logs (`x-request-id`). */
  requestId: string;
}

/**
 * A subgraph's context function. Over HTTP the caller comes from the gateway's signed token,
 * checked against the request exactly as it arrived (no token, no answer); in-process callers
 * (tests) state it explicitly. There is no default: no request runs without a known caller.
 */
export function subgraphContext<TContext>(
  authenticate: CallerAuthenticator,
  build: (base: BaseSubgraphContext) => TContext,
): (req?: IncomingMessage, asCaller?: Caller) => Promise<TContext> {
  return async (req, asCaller) => {
    const verified = req
      ? await authenticate({ token: callerTokenOf(req), digest: requestDigestOf(req) })
      : asCaller;
    if (!verified) throw new Error('A context needs a request or an explicit caller.');
    const { deadline, ...caller } = verified as Caller & { deadline?: number };
    if (deadline !== undefined) {
      // Work nobody waits for is not started: the gateway has answered its client already.
      if (deadline <= Date.now()) {
        throw DEADLINE_EXCEEDED.err('The gateway stopped waiting before this request arrived.', {
          http: { status: 504 },
        });
      }
      setRequestDeadline(deadline);
    }
    const incoming = req?.headers['x-request-id'];
    // Only an id that looks like one, so a subgraph's logs cannot be polluted through it.
    const requestId =
      typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    const record = currentRequestRecord();
    if (record) record.requestId = requestId;
    return build({ caller, agencies: new Set(), requestId });
  };
}
