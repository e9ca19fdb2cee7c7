import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, ROLE_SCOPES, type SigningKey } from '@sahem/kit';
import { bearerVerifier, type BearerOptions } from '../src/auth/verifyBearer.ts';

// The gateway remembers bearer tokens it verified: never past their `exp` or maximum age, never
// across a change of the identity provider's keys, never for a token that is not the very one
// verified, and within a bound.
const ISSUER = { issuer: 'https://idp.test', audience: 'sahem-test' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = () => Math.floor(Date.now() / 1000);

let keyA: SigningKey;
let keyB: SigningKey;
beforeAll(async () => {
  [keyA, keyB] = await Promise.all([generateSigningKey('idp-a'), generateSigningKey('idp-b')]);
});

async function token(
  key: SigningKey,
  subject: string,
  change: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
): Promise<string> {
  const jwt = new SignJWT({ role: 'analyst', scope: ROLE_SCOPES.analyst.join(' ') })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(subject)
    .setIssuer(ISSUER.issuer)
    .setAudience(ISSUER.audience)
    .setIssuedAt()
    .setExpirationTime('1h');
  return `Bearer ${await change(jwt).sign(key.privateKey)}`;
}

/** A local key set that counts how often jose asks it for a key: once per real verification. */
function countingKeys(keys: JWK[]): { resolve: JWTVerifyGetKey; calls: () => number } {
  const local = createLocalJWKSet({ keys });
  let calls = 0;
  return {
    resolve: (header, jws) => {
      calls += 1;
      return local(header, jws);
    },
    calls: () => calls,
  };
}

const verifier = (keys: BearerOptions['keys'], options: Partial<BearerOptions> = {}) =>
  bearerVerifier({ ...ISSUER, keys, ...options });

describe('verified bearer tokens remembered', () => {
  it('verifies a token once, then answers it from memory with the same caller', async () => {
    const keys = countingKeys([keyA.publicJwk]);
    const verify = verifier(keys.resolve);
    const authorization = await token(keyA, 'analyst-1');
    const first = await verify(authorization);
    expect(await verify(authorization)).toEqual(first);
    expect(await verify(authorization)).toMatchObject({ subject: 'analyst-1', role: 'analyst' });
    expect(keys.calls()).toBe(1);
  });

  it('keeps each token apart: another token of the same subject is verified on its own', async () => {
    const keys = countingKeys([keyA.publicJwk]);
    const verify = verifier(keys.resolve);
    await verify(await token(keyA, 'analyst-1'));
    await verify(await token(keyA, 'analyst-1', (jwt) => jwt.setExpirationTime('2h')));
    expect(keys.calls()).toBe(2);
  });

  it('refuses a forgery of a remembered token (its payload or signature changed)', async () => {
    const verify = verifier(countingKeys([keyA.publicJwk]).resolve);
    const genuine = await token(keyA, 'analyst-1');
    await verify(genuine);
    const [header, payload, signature] = genuine.slice('Bearer '.length).split('.');
    const raised = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        role: 'platform_admin',
      }),
    ).toString('base64url');
    await expect(verify(`Bearer ${header}.${raised}.${signature}`)).rejects.toThrow(
      /bearer token was refused/,
    );
    await expect(verify(`Bearer ${header}.${payload}.${signature!.slice(2)}`)).rejects.toThrow(
      /bearer token was refused/,
    );
  });

  it.each([
    [1, ['a', 'b', 'a'], 3],
    [2, ['a', 'b', 'a', 'b'], 2],
    [2, ['a', 'b', 'c', 'a'], 4],
    [2, ['a', 'b', 'a', 'c', 'a'], 3],
    [0, ['a', 'a', 'a'], 3],
  ])(
    'holds at most %i tokens (least recently used out): %j verifies %i times',
    async (size, order, calls) => {
      const keys = countingKeys([keyA.publicJwk]);
      const verify = verifier(keys.resolve, { cacheSize: size });
      const tokens = Object.fromEntries(
        await Promise.all(['a', 'b', 'c'].map(async (s) => [s, await token(keyA, s)] as const)),
      );
      for (const name of order) await verify(tokens[name]);
      expect(keys.calls()).toBe(calls);
    },
  );

  it('never answers past exp or the maximum age, whatever the clock tolerance', async () => {
    const keys = countingKeys([keyA.publicJwk]);
    const verify = verifier(keys.resolve, { clockToleranceSeconds: 0, maxAgeSeconds: 11 });
    const expiring = await token(keyA, 'soon', (jwt) => jwt.setExpirationTime(seconds() + 2));
    // Issued 10 s ago: past 11 s of age it is too old, though its exp is an hour away.
    const aging = await token(keyA, 'old', (jwt) => jwt.setIssuedAt(seconds() - 10));
    await verify(expiring);
    await verify(aging);
    await sleep(2_100);
    await expect(verify(expiring)).rejects.toThrow(/"exp" claim timestamp check failed/);
    await expect(verify(aging)).rejects.toThrow(/"iat" claim timestamp check failed/);
  });
});

describe("the identity provider's keys change", () => {
  let server: Server;
  let published: JWK[] = [];
  let fetches = 0;
  let url: URL;
  beforeAll(async () => {
    server = createServer((_, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a withdrawn key stops remembered tokens once the key set is fetched again', async () => {
    published = [keyA.publicJwk];
    const verify = verifier(url, { jwksMaxAgeMs: 300 });
    const signedByA = await token(keyA, 'analyst-a');
    await verify(signedByA);
    await verify(signedByA);
    // Rotated: A withdrawn, B introduced.
    published = [keyB.publicJwk];
    await sleep(400);
    await expect(verify(signedByA)).rejects.toThrow(/bearer token was refused/);
    await expect(verify(await token(keyB, 'analyst-b'))).resolves.toMatchObject({
      subject: 'analyst-b',
    });
  });

  it('remembers across fetches that bring the same keys, and answers while they are fresh', async () => {
    published = [keyA.publicJwk, keyB.publicJwk];
    const verify = verifier(url, { jwksMaxAgeMs: 60_000 });
    const authorization = await token(keyA, 'analyst-a');
    const before = fetches;
    for (let i = 0; i < 5; i++) await verify(authorization);
    expect(fetches - before).toBe(1);
  });

  it('a token of a key introduced since is verified against the new set, and still accepted', async () => {
    published = [keyA.publicJwk];
    const verify = verifier(url, { jwksMaxAgeMs: 300 });
    const signedByA = await token(keyA, 'analyst-a');
    await verify(signedByA);
    published = [keyA.publicJwk, keyB.publicJwk];
    await sleep(400);
    await expect(verify(await token(keyB, 'analyst-b'))).resolves.toMatchObject({
      subject: 'analyst-b',
    });
    await expect(verify(signedByA)).resolves.toMatchObject({ subject: 'analyst-a' });
  });
});
