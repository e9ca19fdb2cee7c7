import {
  CALLER_HEADER,
  ROLE_SCOPES,
  requestDigest,
  signCallerToken,
  type Caller,
  type SigningKey,
} from '@sahem/kit';

/** A platform admin: the kit reads and tries to write everything the contract serves. */
export const ADMIN: Caller = {
  subject: 'sahem-conformance',
  role: 'platform_admin',
  scopes: [...ROLE_SCOPES.platform_admin],
  agency: null,
  volunteerId: null,
};

/** What an instance answered: the HTTP status and the GraphQL body. */
export interface InstanceAnswer {
  status: number;
  // Answers are checked field by field against the contract, not typed ahead of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** How a request's caller token is made, to probe what the instance accepts. */
export type TokenMode =
  | { kind: 'valid' }
  | { kind: 'none' }
  | { kind: 'audience'; audience: string }
  | { kind: 'other-body' }
  | { kind: 'given'; token: string };

/**
 * Talks to one programs instance as the gateway does: a POST per operation with a caller token
 * minted for that request (its audience the instance, bound to the exact body, used once).
 */
export function instanceClient(url: string, key: SigningKey, audience: string) {
  const tokenFor = (body: string, mode: TokenMode, caller: Caller) => {
    switch (mode.kind) {
      case 'none':
        return undefined;
      case 'given':
        return Promise.resolve(mode.token);
      case 'audience':
        return signCallerToken(caller, key, {
          audience: mode.audience,
          digest: requestDigest(body),
        });
      case 'other-body':
        return signCallerToken(caller, key, { audience, digest: requestDigest(`${body} `) });
      case 'valid':
        return signCallerToken(caller, key, { audience, digest: requestDigest(body) });
    }
  };
  return {
    /** A token for `body` as the gateway would mint it (to send it twice). */
    mint: (body: string, caller: Caller = ADMIN) =>
      signCallerToken(caller, key, { audience, digest: requestDigest(body) }),
    async post(
      query: string,
      variables: Record<string, unknown> = {},
      mode: TokenMode = { kind: 'valid' },
      caller: Caller = ADMIN,
    ): Promise<InstanceAnswer> {
      const body = JSON.stringify({ query, variables });
      const token = await tokenFor(body, mode, caller);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token && { [CALLER_HEADER]: token }),
        },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      try {
        return { status: response.status, ...(JSON.parse(text) as object) };
      } catch {
        return {
          status: response.status,
          errors: [{ message: `not a GraphQL answer: ${text.slice(0, 200)}` }],
        };
      }
    },
  };
}

/** The client {@link instanceClient} returns. */
export type InstanceClient = ReturnType<typeof instanceClient>;
