import { createHash, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import { UNAUTHENTICATED } from '../errors.ts';
import { ROLES, type Caller, type Role } from './caller.ts';
import { keyObjectOf } from './keyObjectOf.ts';
import type { SigningKey } from './keys.ts';
import { verifyCallerJwt, type CallerJwtChecks } from './verifyCallerJwt.ts';

/** The header in which the gateway tells a subgraph who the caller is. */
export const CALLER_HEADER = 'x-sahem-caller';
/** Issuer of caller tokens: only the gateway signs them. */
export const CALLER_TOKEN_ISSUER = 'sahem-gateway';
/** The JOSE `typ` of a caller token, so no other JWT of the same issuer passes for one. */
export const CALLER_TOKEN_TYPE = 'sahem-caller+jwt';
/**
 * A caller token is minted for one subgraph request and checked as that request arrives: it
 * lives seconds, not the length of a session. @default 10 s
 */
export const CALLER_TOKEN_TTL_SECONDS = 10;
/** Clock difference tolerated between the gateway and a subgraph. @default 5 s */
export const CALLER_TOKEN_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The audience of caller tokens meant for one subgraph (`sahem-subgraph:volunteers`), or for one
 * instance of a subgraph run by several bodies (`sahem-subgraph:programs:SCD`, the instance
 * named by the agencies it holds): a token minted for the indicators subgraph is refused by the
 * volunteers subgraph, one minted for the SCD instance by the SEC instance.
 */
export function callerAudience(subgraph: string, instance?: string): string {
  return instance ? `sahem-subgraph:${subgraph}:${instance}` : `sahem-subgraph:${subgraph}`;
}

/**
 * The digest a caller token is bound to: SHA-256 (base64url) of the exact request body for a
 * POST, of the request target (`/graphql?query=…`) for a GET. A token captured on the way is
 * worth nothing for any other request, even at the subgraph it was meant for.
 */
export function requestDigest(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('base64url');
}

/** What a caller token is minted for. */
export interface CallerTokenFor {
  /** The audience of the one subgraph (instance) the request goes to. */
  audience: string;
  /** {@link requestDigest} of the request it travels with. */
  digest: string;
  /** The gateway's request id, for correlation. */
  requestId?: string;
  /**
   * When the gateway stops waiting for this request (epoch ms): claim `dl`, signed like the
   * rest, so nobody on the way can stretch it. The subgraph stops its work by then.
   */
  deadline?: number;
}

/**
 * Signs the caller the gateway established into a token for one subgraph request: audience
 * the subgraph, bound to the request body, valid for seconds, with a unique id the subgraph
 * refuses to see twice. Subgraphs verify it with the gateway's public keys, so "who is asking"
 * is never a header anyone could set, and a token captured by one subgraph's operator cannot be
 * replayed anywhere.
 */
export function signCallerToken(
  caller: Caller,
  key: SigningKey,
  target: CallerTokenFor,
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const payload = {
    role: caller.role,
    scope: caller.scopes.join(' '),
    ...(caller.agency && { agency: caller.agency }),
    ...(caller.volunteerId && { vid: caller.volunteerId }),
    ...(target.requestId && { rid: target.requestId }),
    ...(target.deadline !== undefined && { dl: Math.floor(target.deadline) }),
    bdy: target.digest,
    iss: CALLER_TOKEN_ISSUER,
    aud: target.audience,
    jti: randomUUID(),
    iat,
    exp: iat + CALLER_TOKEN_TTL_SECONDS,
    ...(caller.subject && { sub: caller.subject }),
  };
  return Promise.resolve(
    signJws({ alg: key.alg, kid: key.kid, typ: CALLER_TOKEN_TYPE }, payload, key),
  );
}

// The gateway signs one token per subgraph request. jose signs with WebCrypto, whose every
// call is asynchronous and copies its input into a job; Node's own `crypto.sign` on a
// `KeyObject` signs the same bytes synchronously, several times cheaper. The output is the same
// standard compact JWS (RFC 7515; ES256 signatures as R || S, RFC 7518 §3.4), which
// `jose.jwtVerify` accepts (`caller-token-signing.test.ts`); subgraphs verify it the same way
// with `verifyCallerJwt`, tested against jose.
function signingKeyObject(key: SigningKey): KeyObject {
  if (key.privateKey instanceof Uint8Array) {
    throw new TypeError('A caller token is signed with an asymmetric key (ES256 or RS256).');
  }
  return keyObjectOf(key.privateKey);
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS of `payload`, signed with `key` (ES256 or RS256) by Node's crypto. */
function signJws(
  header: { alg: SigningKey['alg']; kid: string; typ: string },
  payload: object,
  key: SigningKey,
) {
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign('sha256', Buffer.from(input), {
    key: signingKeyObject(key),
    ...(header.alg === 'ES256' && { dsaEncoding: 'ieee-p1363' as const }),
  });
  return `${input}.${signature.toString('base64url')}`;
}

/** What a subgraph knows of an incoming request when it authenticates it. */
export interface CallerTokenRequest {
  /** The `x-sahem-caller` header, if any. */
  token: string | undefined;
  /** {@link requestDigest} of the request as received. */
  digest: string | undefined;
}

/** Keys published in process (the gateway's live key set, when both run in one process). */
export interface PublishedKeys {
  /** The public keys as they are now; called for each token. */
  publicJwks(): readonly JWK[];
}

/** The caller a verified token names, and the deadline it carries. */
export interface VerifiedCaller extends Caller {
  /** Epoch ms after which the gateway no longer waits (claim `dl`); absent from older gateways. */
  readonly deadline?: number;
}

/** Turns a request's caller token into a caller, or throws UNAUTHENTICATED. */
export type CallerAuthenticator = (request: CallerTokenRequest) => Promise<VerifiedCaller>;

/** Options of {@link callerTokenAuthenticator}. */
export interface CallerTokenAuthenticatorOptions {
  /**
   * This subgraph's audience ({@link callerAudience}), or the audiences it answers to (a
   * programs instance in the single-store layout); tokens for any other are refused.
   */
  audience: string | readonly string[];
  /**
   * With a JWKS URL: the shortest time between two fetches when a token names a key the cached
   * set lacks (how soon a newly introduced gateway key is picked up). @default 5000
   */
  cooldownMs?: number;
  /** With a JWKS URL: how long a fetched key set is used before it is fetched again. @default 300000 */
  cacheMaxAgeMs?: number;
  /** Token ids remembered against replay at most (a token is remembered until it expires). @default 200000 */
  maxRemembered?: number;
}

/**
 * Verifies caller tokens with the gateway's public keys: a key set URL (the gateway's
 * `/.well-known/jwks.json`, fetched and cached by jose, which fetches again when a token names
 * an unknown key, so keys rotate without a restart), a key set in process, or a resolver.
 * Checks the signature (Node's crypto, {@link verifyCallerJwt}), the type, issuer, this
 * subgraph's audience, the lifetime, the binding to the request, and that the token id was not
 * seen before.
 */
export function callerTokenAuthenticator(
  keys: URL | JWTVerifyGetKey | PublishedKeys,
  options: CallerTokenAuthenticatorOptions,
): CallerAuthenticator {
  const getKey = keyResolver(keys, options);
  const checks: CallerJwtChecks = {
    typ: CALLER_TOKEN_TYPE,
    issuer: CALLER_TOKEN_ISSUER,
    audiences: typeof options.audience === 'string' ? [options.audience] : [...options.audience],
    requiredClaims: ['exp', 'iat', 'jti', 'bdy'],
    maxTokenAge: CALLER_TOKEN_TTL_SECONDS + CALLER_TOKEN_CLOCK_TOLERANCE_SECONDS,
    clockTolerance: CALLER_TOKEN_CLOCK_TOLERANCE_SECONDS,
  };
  const seen = new ReplayCache(options.maxRemembered ?? 200_000);
  return async ({ token, digest }) => {
    if (!token) {
      throw refuse('This subgraph answers the gateway only: the caller token is missing.');
    }
    let payload;
    try {
      payload = await verifyCallerJwt(token, getKey, checks);
    } catch (error) {
      throw refuse(`The caller token was refused: ${(error as Error).message}.`);
    }
    // A token valid for longer than a request needs is not one the gateway minted.
    if (payload.exp! - payload.iat! > CALLER_TOKEN_TTL_SECONDS) {
      throw refuse('The caller token lives longer than a caller token may.');
    }
    if (!digest || payload.bdy !== digest) {
      throw refuse('The caller token was minted for another request.');
    }
    if (
      !seen.remember(payload.jti!, (payload.exp! + CALLER_TOKEN_CLOCK_TOLERANCE_SECONDS) * 1000)
    ) {
      throw refuse('The caller token was already used.');
    }
    const role = payload.role as Role;
    if (!ROLES.includes(role)) throw refuse(`The caller token names an unknown role.`);
    if (payload.dl !== undefined && !Number.isSafeInteger(payload.dl)) {
      throw refuse('The caller token carries a deadline that is not a time.');
    }
    return {
      ...(payload.dl !== undefined && { deadline: payload.dl as number }),
      subject: payload.sub ?? null,
      role,
      scopes: typeof payload.scope === 'string' && payload.scope ? payload.scope.split(' ') : [],
      agency: typeof payload.agency === 'string' ? payload.agency : null,
      volunteerId: typeof payload.vid === 'string' ? payload.vid : null,
    };
  };
}

function keyResolver(
  keys: URL | JWTVerifyGetKey | PublishedKeys,
  options: CallerTokenAuthenticatorOptions,
): JWTVerifyGetKey {
  if (keys instanceof URL) {
    return createRemoteJWKSet(keys, {
      cooldownDuration: options.cooldownMs ?? 5_000,
      cacheMaxAge: options.cacheMaxAgeMs ?? 300_000,
    });
  }
  if (typeof keys === 'function') return keys;
  // The live key set: rebuilt only when the gateway swapped its keys (a new array).
  let current: readonly JWK[] | undefined;
  let resolver: JWTVerifyGetKey | undefined;
  return (header, token) => {
    const published = keys.publicJwks();
    if (published !== current || !resolver) {
      current = published;
      resolver = createLocalJWKSet({ keys: [...published] });
    }
    return resolver(header, token);
  };
}

function refuse(message: string) {
  return UNAUTHENTICATED.err(message, { http: { status: 401 } });
}

/**
 * Token ids seen and not yet expired, in arrival order (which is expiry order, give or take the
 * clock tolerance), so pruning looks at the oldest only. Full, the oldest is forgotten: it is
 * about to expire anyway, and memory stays bounded under any load.
 */
class ReplayCache {
  readonly #expiries = new Map<string, number>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** Remembers `id` until `expiresAt` (ms); false when it is already remembered. */
  remember(id: string, expiresAt: number): boolean {
    const now = Date.now();
    for (const [known, expiry] of this.#expiries) {
      if (expiry > now) break;
      this.#expiries.delete(known);
    }
    if (this.#expiries.has(id)) return false;
    this.#expiries.set(id, expiresAt);
    if (this.#expiries.size > this.#max) {
      const oldest = this.#expiries.keys().next();
      if (!oldest.done) this.#expiries.delete(oldest.value);
    }
    return true;
  }
}

/** The caller token of an incoming request, if any. */
export function callerTokenOf(req: {
  headers: Record<string, string | string[] | undefined>;
}): string | undefined {
  const value = req.headers[CALLER_HEADER];
  return Array.isArray(value) ? value[0] : value;
}
