import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { ANONYMOUS, ROLES, UNAUTHENTICATED, type Caller, type Role } from '@sahem/kit';

/** Where the gateway finds the identity provider's public keys, and what tokens must say. */
export interface BearerOptions {
  /** The identity provider's JWKS URL (production) or an in-process key resolver. */
  keys: URL | JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Allowed clock skew. @default 30 s */
  clockToleranceSeconds?: number;
  /**
   * Oldest token accepted, counted from its `iat` (which is required, and may not lie in the
   * future): a token stolen long ago stays useless even if its `exp` is far away. @default 12 h
   */
  maxAgeSeconds?: number;
  /**
   * Verified tokens remembered (by the SHA-256 of the token), each until its `exp` or maximum
   * age, whichever comes first; the least recently used go first. 0 verifies every request.
   * @default 10000
   */
  cacheSize?: number;
  /**
   * With a JWKS URL: how long a fetched key set is used before it is fetched again, and so how
   * soon a key withdrawn by the identity provider stops verifying, remembered tokens included.
   * @default 600000 (jose's)
   */
  jwksMaxAgeMs?: number;
}

/** Turns an `Authorization` header into a caller, or throws UNAUTHENTICATED. */
export type BearerVerifier = (authorization: string | undefined) => Promise<Caller>;

// Asymmetric algorithms only: an HS256 token "signed" with a public key (algorithm confusion)
// or an unsigned `alg: none` token is refused before any key is used.
const ALGORITHMS = ['RS256', 'ES256'];

/**
 * Verifies bearer tokens (JWT, RS256 or ES256) against the identity provider's keys, issuer
 * and audience, with expiry and not-before checks, and maps their claims to a caller. No
 * header means anonymous; a header that does not verify is an error, never anonymous.
 */
export function bearerVerifier(options: BearerOptions): BearerVerifier {
  const remote =
    options.keys instanceof URL
      ? createRemoteJWKSet(options.keys, {
          ...(options.jwksMaxAgeMs !== undefined && { cacheMaxAge: options.jwksMaxAgeMs }),
        })
      : undefined;
  const getKey = remote ?? (options.keys as JWTVerifyGetKey);
  const maxAgeSeconds = options.maxAgeSeconds ?? 12 * 60 * 60;
  const verified = createVerifiedTokens(options.cacheSize ?? 10_000, remote);
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)$/i.exec(authorization.trim());
    if (!match) throw refuse('the Authorization header must read "Bearer <JWT>"');
    const token = match[1]!;
    const remembered = verified?.get(token);
    if (remembered) return remembered;
    const keysBefore = verified?.keys();
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        maxTokenAge: maxAgeSeconds,
        requiredClaims: ['sub', 'exp', 'iat', 'role'],
      });
      const caller = callerFromClaims(payload);
      // Never past `exp` (the clock tolerance is for verifying, not for remembering), nor past
      // the maximum age; and only when the key set did not change while this token was checked.
      const until = Math.min(payload.exp!, payload.iat! + maxAgeSeconds) * 1000;
      verified?.set(token, caller, until, keysBefore);
      return caller;
    } catch (error) {
      throw refuse((error as Error).message);
    } finally {
      // jose fetches the key set again within a verification (stale, or a token naming a key it
      // lacks): what it fetched decides which remembered tokens still stand.
      verified?.observeKeys();
    }
  };
}

/** Tokens verified and not yet expired, each tied to the key set that verified it. */
interface VerifiedTokens {
  get(token: string): Caller | undefined;
  /** The key set in service (with a remote JWKS: undefined when it is due to be fetched again). */
  keys(): string | undefined;
  /** Remembers a verified token, if the key set is the one `keysBefore` read. */
  set(token: string, caller: Caller, until: number, keysBefore: string | undefined): void;
  /** Reads the key set in service after a verification (it may have been fetched again). */
  observeKeys(): void;
}

/**
 * The cache of verified bearer tokens: a bounded LRU keyed by the SHA-256 of the token (the
 * cache holds no token, and a key is the same length whatever was sent). An entry answers until
 * its token's `exp` or maximum age, and only while the key set that verified it is the one in
 * service: when jose fetches the identity provider's JWKS again and it differs (a key rotated in
 * or withdrawn), every entry is verified again on its next use, so a withdrawn key stops
 * working for remembered tokens as soon as it does for new ones. When the JWKS is due to be
 * fetched again, nothing is answered from the cache, so the next verification fetches it.
 */
function createVerifiedTokens(
  size: number,
  remote: ReturnType<typeof createRemoteJWKSet> | undefined,
): VerifiedTokens | undefined {
  if (size <= 0) return undefined;
  const entries = new LRUCache<string, { caller: Caller; until: number; keys: string }>({
    max: size,
  });
  const digest = (token: string) => createHash('sha256').update(token).digest('base64url');
  // An in-process resolver (development's local identity provider) never changes its keys.
  const keys = () => (remote ? (remote.fresh ? JSON.stringify(remote.jwks()) : undefined) : '');
  let current = keys();
  return {
    get(token) {
      if (current === undefined || (remote && !remote.fresh)) return undefined;
      const key = digest(token);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= Date.now() || entry.keys !== current) {
        entries.delete(key);
        return undefined;
      }
      return entry.caller;
    },
    keys,
    set(token, caller, until, keysBefore) {
      const now = keys();
      if (now === undefined || now !== keysBefore || until <= Date.now()) return;
      current = now;
      // Frozen through its scopes: what is worked out of a caller once (its visibility, its
      // authorization key) stays true of it for every request it answers.
      const frozen = Object.freeze({ ...caller, scopes: Object.freeze([...caller.scopes]) });
      entries.set(digest(token), { caller: frozen, until, keys: now });
    },
    observeKeys() {
      const now = keys();
      if (now !== undefined) current = now;
    },
  };
}

function refuse(reason: string) {
  return UNAUTHENTICATED.err(`The bearer token was refused: ${reason}.`, { http: { status: 401 } });
}

/**
 * The claims Sahem reads: `sub`, `role` (one of the roles below anonymous), `scope`
 * (space-separated), and `agency` for agency staff. A volunteer's subject is their volunteer id.
 */
export function callerFromClaims(payload: JWTPayload): Caller {
  const role = payload.role as Role;
  if (!ROLES.includes(role) || role === 'anonymous')
    throw new Error(`unknown role "${String(payload.role)}"`);
  const agency = typeof payload.agency === 'string' ? payload.agency : null;
  if (role === 'agency_officer' && !agency)
    throw new Error('agency staff tokens need an agency claim');
  const subject = payload.sub!;
  return {
    subject,
    role,
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    agency,
    volunteerId: role === 'volunteer' ? subject : null,
  };
}
