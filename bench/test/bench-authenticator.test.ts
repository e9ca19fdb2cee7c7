import { createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  callerAudience,
  callerTokenAuthenticator,
  generateSigningKey,
  requestDigest,
  signCallerToken,
  ROLE_SCOPES,
} from '@sahem/kit';
import { BENCH_CALLER, benchAuthenticator } from '../processes/benchAuthenticator.ts';

describe("the bench subgraphs' authenticator", async () => {
  const gateway = await generateSigningKey('bench-test-gateway');
  const audience = callerAudience('volunteers');
  const authenticate = benchAuthenticator(
    callerTokenAuthenticator(createLocalJWKSet({ keys: [gateway.publicJwk] }), { audience }),
  );
  const body = '{"query":"{ __typename }"}';
  const analyst = {
    subject: 'analyst-7',
    role: 'analyst' as const,
    scopes: ROLE_SCOPES.analyst,
    agency: null,
    volunteerId: null,
  };

  it('acts for a platform admin when a request carries no caller token (a peer gateway)', async () => {
    await expect(authenticate({ token: undefined, digest: requestDigest(body) })).resolves.toBe(
      BENCH_CALLER,
    );
    expect(BENCH_CALLER.role).toBe('platform_admin');
  });

  it("verifies a caller token when there is one, as production does (Sahem's gateway)", async () => {
    const token = await signCallerToken(analyst, gateway, {
      audience,
      digest: requestDigest(body),
    });
    await expect(authenticate({ token, digest: requestDigest(body) })).resolves.toMatchObject({
      subject: 'analyst-7',
      role: 'analyst',
    });
    // Used once: the same token again is refused, not taken for the fixed caller.
    await expect(authenticate({ token, digest: requestDigest(body) })).rejects.toThrow(
      /already used/,
    );
  });

  it.each<[string, { digest?: string; audience?: string }, RegExp]>([
    [
      'minted for another body',
      { digest: requestDigest('{"query":"{ other }"}') },
      /another request/,
    ],
    ['minted for another subgraph', { audience: callerAudience('programs') }, /refused/],
  ])('refuses a token %s', async (_, change, message) => {
    const token = await signCallerToken(analyst, gateway, {
      audience: change.audience ?? audience,
      digest: requestDigest(body),
    });
    await expect(
      authenticate({ token, digest: change.digest ?? requestDigest(body) }),
    ).rejects.toThrow(message);
  });

  it('refuses a token that is not one', async () => {
    await expect(authenticate({ token: 'garbage', digest: requestDigest(body) })).rejects.toThrow(
      /refused/,
    );
  });
});
