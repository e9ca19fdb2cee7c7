import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, ROLE_SCOPES } from '@sahem/kit';
import { startGraph, TEST_ISSUER, type Graph } from './support/startGraph.ts';

let graph: Graph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = { role: 'platform_admin', scope: ROLE_SCOPES.platform_admin.join(' ') };

/** A token like the identity provider's, with `change` applied before signing. */
async function token(
  change: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
  key = graph.keys.issuer,
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject('attacker')
    .setIssuer(TEST_ISSUER.issuer)
    .setAudience(TEST_ISSUER.audience)
    .setIssuedAt()
    .setExpirationTime('1h');
  return change(jwt).sign(key.privateKey);
}

const ATTACKS: [string, () => Promise<string>][] = [
  [
    'alg none (unsigned)',
    async () =>
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'a', iss: TEST_ISSUER.issuer, aud: TEST_ISSUER.audience, exp: now() + 3600 })}.`,
  ],
  [
    'HS256 signed with the public key (algorithm confusion)',
    async () =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', kid: graph.keys.issuer.kid })
        .setSubject('attacker')
        .setIssuer(TEST_ISSUER.issuer)
        .setAudience(TEST_ISSUER.audience)
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(JSON.stringify(graph.keys.issuer.publicJwk))),
  ],
  ['expired', () => token((jwt) => jwt.setExpirationTime(now() - 120))],
  ['not yet valid', () => token((jwt) => jwt.setNotBefore(now() + 3600))],
  ['wrong issuer', () => token((jwt) => jwt.setIssuer('https://evil.example'))],
  ['wrong audience', () => token((jwt) => jwt.setAudience('another-api'))],
  ['signed by an unknown key', async () => token(undefined, await generateSigningKey('rogue'))],
  [
    'tampered payload (role raised after signing)',
    async () => {
      const [header, , signature] = (await token((jwt) => jwt.setSubject('V-0000001'))).split('.');
      return `${header}.${b64({ ...claims, sub: 'V-0000001', iss: TEST_ISSUER.issuer, aud: TEST_ISSUER.audience, exp: now() + 3600 })}.${signature}`;
    },
  ],
  [
    'issued a day ago, though its exp is still ahead (older than the 12 h maximum age)',
    () => token((jwt) => jwt.setIssuedAt(now() - 24 * 3600).setExpirationTime(now() + 3600)),
  ],
  ['issued in the future', () => token((jwt) => jwt.setIssuedAt(now() + 3600))],
  [
    'no iat claim (its age cannot be told)',
    async () =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: graph.keys.issuer.alg, kid: graph.keys.issuer.kid })
        .setSubject('x')
        .setIssuer(TEST_ISSUER.issuer)
        .setAudience(TEST_ISSUER.audience)
        .setExpirationTime('1h')
        .sign(graph.keys.issuer.privateKey),
  ],
  [
    'no role claim',
    async () =>
      new SignJWT({ scope: 'pii:read' })
        .setProtectedHeader({ alg: graph.keys.issuer.alg, kid: graph.keys.issuer.kid })
        .setSubject('x')
        .setIssuer(TEST_ISSUER.issuer)
        .setAudience(TEST_ISSUER.audience)
        .setExpirationTime('1h')
        .sign(graph.keys.issuer.privateKey),
  ],
];

describe('bearer tokens the gateway refuses', () => {
  it.each(ATTACKS)('%s → 401 UNAUTHENTICATED', async (_, forge) => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await forge()}` },
      body: JSON.stringify({ query: '{ volunteers(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as any;
    expect(body.data).toBeUndefined();
    expect(body.errors.map((error: any) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('a header that is not "Bearer <JWT>" is refused too', async () => {
    const result = await graph.query('{ agencies { code } }', undefined, {
      authorization: 'Basic YWxpY2U6c2VjcmV0',
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the genuine token works', async () => {
    const result = await graph.query('{ volunteers(first: 1) { totalCount } }', undefined, {
      authorization: `Bearer ${await token()}`,
    });
    expect(result.errors).toBeUndefined();
  });
});

describe('subgraphs reached around the gateway', () => {
  const ask = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it.each(['volunteers', 'programs', 'indicators'] as const)(
    '%s refuses a request without a caller token',
    async (name) => {
      const response = await ask(graph[name].url);
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    },
  );

  it('refuses a caller token it did not get from the gateway, and the user token itself', async () => {
    const rogue = await generateSigningKey('rogue-gateway');
    const { signCallerToken } = await import('@sahem/kit');
    const forged = await signCallerToken(
      {
        subject: 'x',
        role: 'platform_admin',
        scopes: ['pii:read'],
        agency: null,
        volunteerId: null,
      },
      rogue,
      { audience: 'sahem-subgraph:volunteers', digest: 'x' },
    );
    expect((await ask(graph.volunteers.url, { 'x-sahem-caller': forged })).status).toBe(401);
    expect((await ask(graph.volunteers.url, { 'x-sahem-caller': await token() })).status).toBe(401);
  });
});
