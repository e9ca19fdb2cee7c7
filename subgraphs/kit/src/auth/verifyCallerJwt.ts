import { KeyObject, createPublicKey, verify, type JsonWebKey, type webcrypto } from 'node:crypto';
import { decodeProtectedHeader, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { keyObjectOf } from './keyObjectOf.ts';

/** What {@link verifyCallerJwt} checks beyond the signature. */
export interface CallerJwtChecks {
  /** The JOSE `typ` the header must carry, exactly. */
  typ: string;
  /** The `iss` the claims must carry, exactly. */
  issuer: string;
  /** `aud` must be, or hold, one of these. */
  audiences: readonly string[];
  /** Claims that must be present (`iss`, `aud` and `iat` always are). */
  requiredClaims: readonly string[];
  /** The oldest `iat` accepted, in seconds before now (before the tolerance). */
  maxTokenAge: number;
  /** Seconds of clock difference tolerated in `exp`, `nbf` and `iat`. */
  clockTolerance: number;
  /** Now, in epoch seconds (tests). @default the clock */
  now?: number;
}

/** Three parts of base64url, nothing else: the signing input is then the same in any encoding. */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** A refusal: the caller's authenticator says why in its UNAUTHENTICATED error. */
export class CallerJwtRefused extends Error {}

/**
 * Verifies a compact JWS caller token and returns its claims: what `jose.jwtVerify` checks of a
 * caller token, with the signature verified by Node's `crypto.verify` on a `KeyObject`. jose
 * verifies with WebCrypto, whose every call is asynchronous and copies its input into a job:
 * about 165 µs of a subgraph's CPU a token against 75 µs here, and a subgraph verifies one
 * token a request (docs/performance.md, section 13). The key is still resolved by jose
 * (`getKey`: a fetched key set, cached and refetched for an unknown `kid`, or a local one), which
 * also matches it to the header's `alg`; it is checked again here, as is every claim jose would.
 *
 * Stricter than jose where caller tokens never differ: the header must hold `alg`, `kid` and
 * `typ` only (no `crit`, `b64`, `jku`, `jwk` …), `typ` exactly, and only ES256 and RS256.
 * `caller-jwt-verify.test.ts` runs both on the same tokens, forged and mangled.
 */
export async function verifyCallerJwt(
  token: string,
  getKey: JWTVerifyGetKey,
  checks: CallerJwtChecks,
): Promise<JWTPayload> {
  if (!COMPACT_JWS.test(token)) throw new CallerJwtRefused('a caller token is a compact JWS');
  const [encodedHeader, encodedPayload, encodedSignature] = token.split('.') as [
    string,
    string,
    string,
  ];
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new CallerJwtRefused('the JWS header is not JSON');
  }
  for (const name of Object.keys(header)) {
    if (name !== 'alg' && name !== 'kid' && name !== 'typ') {
      throw new CallerJwtRefused(`a caller token's header has no "${name}"`);
    }
  }
  const { alg } = header;
  if (alg !== 'ES256' && alg !== 'RS256') {
    throw new CallerJwtRefused('"alg" (Algorithm) Header Parameter value not allowed');
  }
  if (header.typ !== checks.typ) throw new CallerJwtRefused('unexpected "typ" JWT header value');

  const key = publicKeyOf(
    await getKey(
      { ...header, alg },
      {
        protected: encodedHeader,
        payload: encodedPayload,
        signature: encodedSignature,
      },
    ),
    alg,
  );
  const signature = strictBase64url(encodedSignature, 'signature');
  const input = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'latin1');
  const verified =
    alg === 'ES256'
      ? signature.length === 64 &&
        verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature)
      : verify('sha256', input, key, signature);
  if (!verified) throw new CallerJwtRefused('signature verification failed');

  return checkedClaims(claimsOf(encodedPayload), checks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function claimsOf(encodedPayload: string): JWTPayload {
  let claims: unknown;
  try {
    claims = JSON.parse(utf8.decode(strictBase64url(encodedPayload, 'payload')));
  } catch {
    throw new CallerJwtRefused('JWT Claims Set must be a top-level JSON object');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new CallerJwtRefused('JWT Claims Set must be a top-level JSON object');
  }
  return claims as JWTPayload;
}

function checkedClaims(claims: JWTPayload, checks: CallerJwtChecks): JWTPayload {
  for (const claim of new Set(['iss', 'aud', 'iat', ...checks.requiredClaims])) {
    if (!Object.hasOwn(claims, claim))
      throw new CallerJwtRefused(`missing required "${claim}" claim`);
  }
  if (claims.iss !== checks.issuer) throw new CallerJwtRefused('unexpected "iss" claim value');
  const { aud } = claims;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.some((audience) => checks.audiences.includes(audience))) {
    throw new CallerJwtRefused('unexpected "aud" claim value');
  }
  const now = checks.now ?? Math.floor(Date.now() / 1000);
  const tolerance = checks.clockTolerance;
  const iat = numericDate(claims, 'iat')!;
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + tolerance) {
    throw new CallerJwtRefused('"nbf" claim timestamp check failed');
  }
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= now - tolerance) {
    throw new CallerJwtRefused('"exp" claim timestamp check failed');
  }
  const age = now - iat;
  if (age - tolerance > checks.maxTokenAge) {
    throw new CallerJwtRefused('"iat" claim timestamp check failed (too far in the past)');
  }
  if (age < -tolerance) {
    throw new CallerJwtRefused('"iat" claim timestamp check failed (it should be in the past)');
  }
  return claims;
}

function numericDate(claims: JWTPayload, claim: 'iat' | 'nbf' | 'exp'): number | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CallerJwtRefused(`"${claim}" claim must be a number`);
  }
  return value;
}

/** Bytes of unpadded base64url, refusing other text (Buffer's decoder skips what it cannot read). */
function strictBase64url(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text)
    throw new CallerJwtRefused(`the ${what} is not base64url`);
  return bytes;
}

/** WebCrypto's key class, which jose's key sets hand out: global in Node, not in `node:crypto`. */
const CryptoKeyClass = (globalThis as unknown as { CryptoKey: new () => webcrypto.CryptoKey })
  .CryptoKey;

/** The resolved key as a public `KeyObject` fit for `alg`: P-256 for ES256, RSA of 2048 bits or more for RS256. */
function publicKeyOf(resolved: unknown, alg: 'ES256' | 'RS256'): KeyObject {
  let key: KeyObject;
  if (resolved instanceof KeyObject) key = resolved;
  else if (resolved instanceof CryptoKeyClass) key = keyObjectOf(resolved);
  else if (typeof resolved === 'object' && resolved !== null && !(resolved instanceof Uint8Array)) {
    key = createPublicKey({ key: resolved as JsonWebKey, format: 'jwk' });
  } else throw new CallerJwtRefused('a caller token is verified with a public key');
  const fits =
    key.type === 'public' &&
    (alg === 'ES256'
      ? key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
      : key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048);
  if (!fits) throw new CallerJwtRefused(`the key does not verify ${alg}`);
  return key;
}
