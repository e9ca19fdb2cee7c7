import { createHmac, generateKeyPairSync, KeyObject, sign, type webcrypto } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCallerJwt, type CallerJwtChecks } from '../src/auth/verifyCallerJwt.ts';
import { generateSigningKey, signingKeyFromJwk, type SigningKey } from '../src/index.ts';

// The subgraphs verify caller tokens with their own JWS code (Node's crypto on a KeyObject)
// instead of jose.jwtVerify, for speed. jose is the reference: on every token below, genuine,
// forged or mangled, both must accept or both refuse, with the same claims.
const TYP = 'sahem-caller+jwt';
const ISSUER = 'sahem-gateway';
const AUDIENCE = 'sahem-subgraph:programs:SCD';
const NOW = 1_800_000_000;
const checks: CallerJwtChecks = {
  typ: TYP,
  issuer: ISSUER,
  audiences: [AUDIENCE],
  requiredClaims: ['exp', 'iat', 'jti', 'bdy'],
  maxTokenAge: 15,
  clockTolerance: 5,
  now: NOW,
};
const joseOptions = {
  issuer: ISSUER,
  audience: [AUDIENCE],
  algorithms: ['ES256', 'RS256'],
  typ: TYP,
  requiredClaims: ['exp', 'iat', 'jti', 'bdy'],
  maxTokenAge: 15,
  clockTolerance: 5,
  currentDate: new Date(NOW * 1000),
};

let es: SigningKey;
let rs: SigningKey;
/** An ES256 key the subgraph does not know, published under the known key's kid by a forger. */
let stranger: SigningKey;
let getKey: JWTVerifyGetKey;

beforeAll(async () => {
  es = await generateSigningKey('caller-es');
  stranger = await generateSigningKey('caller-es');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  rs = await signingKeyFromJwk({
    ...(await exportJWK(privateKey)),
    kid: 'caller-rs',
    alg: 'RS256',
    use: 'sig',
  });
  getKey = createLocalJWKSet({ keys: [es.publicJwk, rs.publicJwk] });
});

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const claims = (overrides: Record<string, unknown> = {}) => ({
  role: 'agency_officer',
  scope: 'pii:read',
  bdy: 'digest',
  iss: ISSUER,
  aud: AUDIENCE,
  jti: 'id-1',
  iat: NOW,
  exp: NOW + 10,
  ...overrides,
});
const header = (key: SigningKey, overrides: Record<string, unknown> = {}) => ({
  alg: key.alg,
  kid: key.kid,
  typ: TYP,
  ...overrides,
});

/** A compact JWS of exactly these parts, signed as `header.alg` says with `key`. */
function token(
  key: SigningKey,
  head: Record<string, unknown> = header(key),
  payload: unknown = claims(),
  signWith: 'ES256' | 'RS256' | 'DER' = key.alg,
): string {
  const input = `${b64(head)}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: KeyObject.from(key.privateKey as webcrypto.CryptoKey),
    ...(signWith === 'ES256' && { dsaEncoding: 'ieee-p1363' as const }),
  });
  return `${input}.${signature.toString('base64url')}`;
}
const swapPart = (jws: string, index: number, part: string) =>
  jws
    .split('.')
    .map((p, i) => (i === index ? part : p))
    .join('.');

async function outcome(verify: () => Promise<unknown>) {
  try {
    return { accepted: true, claims: await verify() };
  } catch {
    return { accepted: false };
  }
}
const ours = (jws: string) => outcome(() => verifyCallerJwt(jws, getKey, checks));
const joses = (jws: string) =>
  outcome(async () => (await jwtVerify(jws, getKey, joseOptions)).payload);

// Each case: a token, and whether it is genuine (accepted) or not.
const cases: [string, () => string, boolean][] = [
  ['a genuine ES256 token', () => token(es), true],
  ['a genuine RS256 token', () => token(rs), true],
  ['no kid: the one key of its alg', () => token(es, { alg: 'ES256', typ: TYP }), true],
  [
    'an audience among several',
    () => token(es, header(es), claims({ aud: ['x', AUDIENCE] })),
    true,
  ],
  [
    'expired within the clock tolerance',
    () => token(es, header(es), claims({ exp: NOW - 4 })),
    true,
  ],
  [
    'issued within the tolerance ahead',
    () => token(es, header(es), claims({ iat: NOW + 4 })),
    true,
  ],
  ['not before within the tolerance', () => token(es, header(es), claims({ nbf: NOW + 4 })), true],
  // Header
  ['alg none, unsigned', () => `${b64({ alg: 'none', typ: TYP })}.${b64(claims())}.`, false],
  [
    'HS256 keyed with the public key (algorithm confusion)',
    () => {
      const input = `${b64({ alg: 'HS256', kid: es.kid, typ: TYP })}.${b64(claims())}`;
      const mac = createHmac('sha256', JSON.stringify(es.publicJwk)).update(input).digest();
      return `${input}.${mac.toString('base64url')}`;
    },
    false,
  ],
  ['ES384 named for an ES256 key', () => token(es, header(es, { alg: 'ES384' })), false],
  [
    'RS256 named, the EC key signing',
    () => token(es, header(es, { alg: 'RS256', kid: rs.kid }), claims(), 'DER'),
    false,
  ],
  ['an unknown kid', () => token(es, header(es, { kid: 'nobody' })), false],
  ['no typ', () => token(es, { alg: 'ES256', kid: es.kid }), false],
  ['typ JWT', () => token(es, header(es, { typ: 'JWT' })), false],
  ['crit', () => token(es, header(es, { crit: ['exp'], exp: 1 })), false],
  ['b64 false', () => token(es, header(es, { crit: ['b64'], b64: false })), false],
  ['a header that is not JSON', () => swapPart(token(es), 0, b64('{alg')), false],
  ['a header that is an array', () => swapPart(token(es), 0, b64([1])), false],
  // Claims
  ['another issuer', () => token(es, header(es), claims({ iss: 'someone' })), false],
  ['no issuer', () => token(es, header(es), claims({ iss: undefined })), false],
  ['another audience', () => token(es, header(es), claims({ aud: 'sahem-subgraph:x' })), false],
  ['audiences without it', () => token(es, header(es), claims({ aud: ['a', 'b'] })), false],
  ['an audience that is a number', () => token(es, header(es), claims({ aud: 7 })), false],
  ['expired', () => token(es, header(es), claims({ exp: NOW - 5 })), false],
  ['exp as text', () => token(es, header(es), claims({ exp: String(NOW + 10) })), false],
  ['issued in the future', () => token(es, header(es), claims({ iat: NOW + 6 })), false],
  ['issued too long ago', () => token(es, header(es), claims({ iat: NOW - 21 })), false],
  ['iat as text', () => token(es, header(es), claims({ iat: String(NOW) })), false],
  ['no iat', () => token(es, header(es), claims({ iat: undefined })), false],
  ['not yet valid', () => token(es, header(es), claims({ nbf: NOW + 6 })), false],
  ['no jti', () => token(es, header(es), claims({ jti: undefined })), false],
  ['no bdy', () => token(es, header(es), claims({ bdy: undefined })), false],
  ['no exp', () => token(es, header(es), claims({ exp: undefined })), false],
  ['claims that are not JSON', () => token(es, header(es), '{"iss":'), false],
  ['claims that are an array', () => token(es, header(es), [claims()]), false],
  ['claims that are a number', () => token(es, header(es), 42), false],
  // Signature
  ['signed by a stranger under the known kid', () => token(stranger), false],
  [
    'the claims changed after signing',
    () => swapPart(token(es), 1, b64(claims({ role: 'platform_admin' }))),
    false,
  ],
  ['the signature cut short', () => token(es).slice(0, -4), false],
  ['the signature padded', () => `${token(es)}=`, false],
  ['no signature', () => swapPart(token(es), 2, ''), false],
  ['an ES256 signature in DER', () => token(es, header(es), claims(), 'DER'), false],
  ['an RS256 signature cut short', () => token(rs).slice(0, -8), false],
  // Shape
  ['two parts', () => token(es).split('.').slice(0, 2).join('.'), false],
  ['four parts', () => `${token(es)}.x`, false],
  ['whitespace around', () => ` ${token(es)} `, false],
  ['a character outside base64url', () => swapPart(token(es), 1, `é${b64(claims())}`), false],
  ['empty', () => '', false],
];

describe('caller token verification, against jose.jwtVerify', () => {
  it.each(cases)('%s: as jose decides', async (_, make, genuine) => {
    const jws = make();
    const [mine, reference] = await Promise.all([ours(jws), joses(jws)]);
    expect(reference.accepted).toBe(genuine);
    expect(mine).toEqual(reference);
  });

  // Caller tokens never carry these; jose lets them pass, this verifier does not.
  it.each([
    ['a typ with its media-type prefix', { typ: `application/${TYP}` }],
    ['a jku header', { jku: 'https://attacker.example/jwks.json' }],
    ['an x5u header', { x5u: 'https://attacker.example/cert.pem' }],
  ])('refuses what jose accepts: %s', async (_, extra) => {
    const jws = token(es, header(es, extra));
    expect((await joses(jws)).accepted).toBe(true);
    expect((await ours(jws)).accepted).toBe(false);
  });

  it('refuses an RSA key under 2048 bits, as jose does', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'weak', alg: 'RS256' };
    const weak = await signingKeyFromJwk(jwk as never);
    const weakKeys = createLocalJWKSet({ keys: [weak.publicJwk] });
    const jws = token(weak);
    await expect(jwtVerify(jws, weakKeys, joseOptions)).rejects.toThrow(/2048/);
    await expect(verifyCallerJwt(jws, weakKeys, checks)).rejects.toThrow(/does not verify RS256/);
  });

  it('refuses a resolver that hands it a secret, or a key of the wrong kind', async () => {
    const jws = token(es);
    const secret: JWTVerifyGetKey = () => new Uint8Array(32);
    const rsaForEs: JWTVerifyGetKey = (_, input) => getKey({ alg: 'RS256', kid: rs.kid }, input);
    for (const resolver of [secret, rsaForEs]) {
      await expect(verifyCallerJwt(jws, resolver, checks)).rejects.toThrow(
        /public key|does not verify/,
      );
    }
  });
});
