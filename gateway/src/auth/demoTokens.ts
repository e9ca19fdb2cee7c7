import { SignJWT } from 'jose';
import { ROLE_SCOPES, type Role, type SigningKey } from '@sahem/kit';

/** What a demo token says about its holder. */
export interface DemoIdentity {
  role: Exclude<Role, 'anonymous'>;
  subject: string;
  agency?: string;
  scopes?: readonly string[];
}

/**
 * Signs a token as the development identity provider would issue it. Production tokens come
 * from the national identity provider; the gateway only verifies them.
 */
export function signDemoToken(
  identity: DemoIdentity,
  key: SigningKey,
  options: { issuer: string; audience: string; expiresIn?: string },
): Promise<string> {
  return new SignJWT({
    role: identity.role,
    scope: (identity.scopes ?? ROLE_SCOPES[identity.role]).join(' '),
    ...(identity.agency && { agency: identity.agency }),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(identity.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(key.privateKey);
}

/** One token per role for `npm start` to print: a volunteer, Civil Defense staff, an analyst, an admin. */
export const DEMO_IDENTITIES: DemoIdentity[] = [
  { role: 'volunteer', subject: 'V-0000001' },
  { role: 'agency_officer', subject: 'SCD-officer-01', agency: 'SCD' },
  { role: 'analyst', subject: 'analyst-01' },
  { role: 'platform_admin', subject: 'admin-01' },
];
