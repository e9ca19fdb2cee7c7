import type { CallerAuthenticator } from '../auth/callerToken.ts';
import { ANONYMOUS, ROLE_SCOPES, type Caller } from '../auth/caller.ts';
import { UNAUTHENTICATED } from '../errors.ts';

/** Callers for in-process tests, as the gateway would establish them. */
export const callers = {
  anonymous: ANONYMOUS,
  admin: {
    subject: 'admin-1',
    role: 'platform_admin',
    scopes: ROLE_SCOPES.platform_admin,
    agency: null,
    volunteerId: null,
  },
  analyst: {
    subject: 'analyst-1',
    role: 'analyst',
    scopes: ROLE_SCOPES.analyst,
    agency: null,
    volunteerId: null,
  },
  officer: (agency: string): Caller => ({
    subject: `${agency}-officer-1`,
    role: 'agency_officer',
    scopes: ROLE_SCOPES.agency_officer,
    agency,
    volunteerId: null,
  }),
  volunteer: (volunteerId: string): Caller => ({
    subject: volunteerId,
    role: 'volunteer',
    scopes: ROLE_SCOPES.volunteer,
    agency: null,
    volunteerId,
  }),
} satisfies Record<string, Caller | ((code: string) => Caller)>;

/** For servers that tests only call in process: any HTTP request is refused. */
export const refuseHttpCallers: CallerAuthenticator = async () => {
  throw UNAUTHENTICATED.err('This test server takes in-process calls only.');
};
