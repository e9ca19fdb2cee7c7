import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { UNAUTHENTICATED } from '../errors.ts';
import { ROLES, type Caller, type Role } from './caller.ts';
import type { SigningKey } from './keys.ts';

/** The header in which the gateway tells a subgraph who the caller is. */
export const CALLER_HEADER = 'x-sahem-caller';
/** Issuer and audience of caller tokens: only the gateway signs them, only subgraphs take them. */
export const CALLER_TOKEN_ISSUER = 'sahem-gateway';
export const CALLER_TOKEN_AUDIENCE = 'sahem-subgraphs';
/** A caller token is good for one request's worth of subgraph calls. @default 60 s */
export const CALLER_TOKEN_TTL_SECONDS = 60;

/**
 * Signs the caller the gateway established into a short-lived token for the subgraphs. They
 * verify it with the gateway's public key, so "who is asking" is never a header anyone could
 * set, and anonymous calls through the gateway are told apart from calls around it.
 */
export function signCallerToken(
  caller: Caller,
  key: SigningKey,
  requestId?: string,
): Promise<string> {
  const token = new SignJWT({
    role: caller.role,
    scope: caller.scopes.join(' '),
    ...(caller.agency && { agency: caller.agency }),
    ...(caller.volunteerId && { vid: caller.volunteerId }),
    ...(requestId && { rid: requestId }),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'sahem-caller+jwt' })
    .setIssuer(CALLER_TOKEN_ISSUER)
    .setAudience(CALLER_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${CALLER_TOKEN_TTL_SECONDS}s`);
  if (caller.subject) token.setSubject(caller.subject);
  return token.sign(key.privateKey);
}

/** Turns the `x-sahem-caller` header of a request into a caller, or throws UNAUTHENTICATED. */
export type CallerAuthenticator = (header: string | undefined) => Promise<Caller>;

/**
 * Verifies caller tokens with the gateway's public keys: a key set (the gateway's
 * `/.well-known/jwks.json`, fetched and cached by jose) or a key resolver given in process.
 */
export function callerTokenAuthenticator(keys: JWTVerifyGetKey | URL): CallerAuthenticator {
  const getKey = keys instanceof URL ? createRemoteJWKSet(keys) : keys;
  return async (header) => {
    if (!header) {
      throw UNAUTHENTICATED.err(
        'This subgraph answers the gateway only: the caller token is missing.',
        {
          http: { status: 401 },
        },
      );
    }
    try {
      const { payload } = await jwtVerify(header, getKey, {
        issuer: CALLER_TOKEN_ISSUER,
        audience: CALLER_TOKEN_AUDIENCE,
        algorithms: ['ES256', 'RS256'],
      });
      const role = payload.role as Role;
      if (!ROLES.includes(role)) throw new Error(`unknown role ${String(payload.role)}`);
      return {
        subject: payload.sub ?? null,
        role,
        scopes: typeof payload.scope === 'string' && payload.scope ? payload.scope.split(' ') : [],
        agency: typeof payload.agency === 'string' ? payload.agency : null,
        volunteerId: typeof payload.vid === 'string' ? payload.vid : null,
      };
    } catch (error) {
      throw UNAUTHENTICATED.err(`The caller token was refused: ${(error as Error).message}`, {
        http: { status: 401 },
      });
    }
  };
}

/** The caller token of an incoming request, if any. */
export function callerTokenOf(req: {
  headers: Record<string, string | string[] | undefined>;
}): string | undefined {
  const value = req.headers[CALLER_HEADER];
  return Array.isArray(value) ? value[0] : value;
}
