import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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
  const getKey = options.keys instanceof URL ? createRemoteJWKSet(options.keys) : options.keys;
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)$/i.exec(authorization.trim());
    if (!match) throw refuse('the Authorization header must read "Bearer <JWT>"');
    try {
      const { payload } = await jwtVerify(match[1]!, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: options.clockToleranceSeconds ?? 30,
        maxTokenAge: options.maxAgeSeconds ?? 12 * 60 * 60,
        requiredClaims: ['sub', 'exp', 'iat', 'role'],
      });
      return callerFromClaims(payload);
    } catch (error) {
      throw refuse((error as Error).message);
    }
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
