/** The roles of the national graph. */
export const ROLES = [
  'anonymous',
  'volunteer',
  'agency_officer',
  'analyst',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking, as the gateway established it from a verified token (or `anonymous`). The
 * gateway hands it to every subgraph in a token of its own, so subgraphs never trust a header
 * anyone could set.
 */
export interface Caller {
  /** The token's subject; null for anonymous callers. */
  subject: string | null;
  role: Role;
  /** OAuth-style scopes granted to the caller, e.g. `pii:read`. */
  scopes: readonly string[];
  /** Agency code of agency staff (`SCD`); null otherwise. */
  agency: string | null;
  /** The caller's own volunteer id (`V-0000042`) when the caller is a volunteer. */
  volunteerId: string | null;
}

/** The caller without a token. */
export const ANONYMOUS: Caller = Object.freeze({
  subject: null,
  role: 'anonymous',
  scopes: [],
  agency: null,
  volunteerId: null,
});

/** Whether the caller holds `scope`. */
export function hasScope(caller: Caller, scope: string): boolean {
  return caller.scopes.includes(scope);
}

/**
 * The scopes the development identity provider grants each role; a production identity
 * provider is configured to issue the same. `pii:read` opens personal fields (subject to the
 * subgraphs' row rules), `aggregates:read` the cross-agency figures, `volunteers:search` the
 * list of volunteers and other volunteers' records, `volunteers:register` registrations, `periods:close` closing a reporting period (platform admins).
 */
export const ROLE_SCOPES = {
  anonymous: [],
  volunteer: ['pii:read', 'programs:apply', 'hours:log'],
  agency_officer: [
    'pii:read',
    'programs:write',
    'hours:log',
    'hours:verify',
    'volunteers:search',
    'volunteers:register',
  ],
  analyst: ['aggregates:read'],
  platform_admin: [
    'pii:read',
    'programs:write',
    'programs:apply',
    'hours:log',
    'hours:verify',
    'aggregates:read',
    'volunteers:search',
    'volunteers:register',
    'volunteers:admin',
    'periods:close',
  ],
} as const satisfies Record<Role, readonly string[]>;
