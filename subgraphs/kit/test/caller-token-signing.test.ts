import {
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  createLocalJWKSet,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callerAudience,
  callerTokenAuthenticator,
  CALLER_TOKEN_ISSUER,
  CALLER_TOKEN_TTL_SECONDS,
  CALLER_TOKEN_TYPE,
  generateSigningKey,
  requestDigest,
  signCallerToken,
  signingKeyFromJwk,
  type Caller,
  type SigningKey,
} from '../src/index.ts';

// The gateway signs caller tokens with Node's crypto rather than jose: what it produces must
// stay the standard JWS that subgraphs verify with jose, unchanged, with every claim they read.
const officer: Caller = {
  subject: 'officer-7',
  role: 'agency_officer',
  scopes: ['pii:read', 'programs:write'],
  agency: 'SCD',
  volunteerId: null,
};
const volunteer: Caller = {
  subject: 'V-0000042',
  role: 'volunteer',
  scopes: ['pii:read'],
  agency: null,
  volunteerId: 'V-0000042',
};
const anonymous: Caller = {
  subject: null,
  role: 'anonymous',
  scopes: [],
  agency: null,
  volunteerId: null,
};

const keys: Record<'ES256' | 'RS256', SigningKey> = {} as never;
beforeAll(async () => {
  keys.ES256 = await generateSigningKey('caller-es256');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  keys.RS256 = await signingKeyFromJwk({
    ...(await exportJWK(privateKey)),
    kid: 'caller-rs256',
    alg: 'RS256',
    use: 'sig',
  });
});

const audience = callerAudience('programs', 'SCD');
const body = '{"query":"{ agencies { code } }"}';

describe('caller tokens signed with Node crypto', () => {
  it.each([
    ['ES256', officer],
    ['ES256', volunteer],
    ['ES256', anonymous],
    ['RS256', officer],
  ] as const)('%s, %j: jose.jwtVerify accepts it with every claim', async (alg, caller) => {
    const key = keys[alg];
    const before = Math.floor(Date.now() / 1000);
    const token = await signCallerToken(caller, key, {
      audience,
      digest: requestDigest(body),
      requestId: 'req-1',
      deadline: Date.now() + 5_000.7,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg, kid: key.kid, typ: CALLER_TOKEN_TYPE });
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [key.publicJwk] }), {
      issuer: CALLER_TOKEN_ISSUER,
      audience,
      algorithms: [alg],
      typ: CALLER_TOKEN_TYPE,
    });
    expect(payload).toMatchObject({
      role: caller.role,
      scope: caller.scopes.join(' '),
      bdy: requestDigest(body),
      rid: 'req-1',
      iss: CALLER_TOKEN_ISSUER,
      aud: audience,
    });
    expect(payload.sub).toBe(caller.subject ?? undefined);
    expect(payload.agency).toBe(caller.agency ?? undefined);
    expect(payload.vid).toBe(caller.volunteerId ?? undefined);
    expect(Number.isSafeInteger(payload.dl)).toBe(true);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.exp! - payload.iat!).toBe(CALLER_TOKEN_TTL_SECONDS);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("the subgraphs' authenticator reads the same caller back, once", async () => {
    const authenticate = callerTokenAuthenticator(
      createLocalJWKSet({ keys: [keys.ES256.publicJwk] }),
      { audience },
    );
    const digest = requestDigest(body);
    const token = await signCallerToken(officer, keys.ES256, { audience, digest });
    await expect(authenticate({ token, digest })).resolves.toMatchObject(officer);
    await expect(authenticate({ token, digest })).rejects.toThrow(/already used/);
  });

  it('every token is new: another id, another signature', async () => {
    const target = { audience, digest: requestDigest(body) };
    const [a, b] = await Promise.all([
      signCallerToken(officer, keys.ES256, target),
      signCallerToken(officer, keys.ES256, target),
    ]);
    expect(a).not.toBe(b);
  });

  it.each([
    ['the payload changed after signing', (t: string) => tamperPayload(t)],
    ['the signature cut short', (t: string) => t.slice(0, -4)],
    ['verified with another key', (t: string) => t],
  ])('is refused when %s', async (name, change) => {
    const token = change(
      await signCallerToken(volunteer, keys.ES256, { audience, digest: requestDigest(body) }),
    );
    const verifyWith = name === 'verified with another key' ? keys.RS256 : keys.ES256;
    await expect(
      jwtVerify(token, createLocalJWKSet({ keys: [verifyWith.publicJwk] }), {
        issuer: CALLER_TOKEN_ISSUER,
        audience,
      }),
    ).rejects.toThrow();
  });
});

/** The same token with the role raised to platform admin, its signature kept. */
function tamperPayload(token: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
  const raised = Buffer.from(JSON.stringify({ ...claims, role: 'platform_admin' })).toString(
    'base64url',
  );
  return `${header}.${raised}.${signature}`;
}
