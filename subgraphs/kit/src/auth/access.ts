import { FORBIDDEN, UNAUTHENTICATED } from '../errors.ts';
import type { Caller } from './caller.ts';

/**
 * The subgraph's own check of what the gateway already enforced from the schema directives:
 * defence in depth, so a subgraph stays safe if a directive is dropped or the gateway is
 * misconfigured. Throws UNAUTHENTICATED for anonymous callers, FORBIDDEN without the scope.
 */
export function requireScope(caller: Caller, scope: string | null, what: string): void {
  if (caller.role === 'anonymous') {
    throw UNAUTHENTICATED.err(`Sign in to ${what}.`);
  }
  if (scope !== null && !caller.scopes.includes(scope)) {
    throw FORBIDDEN.err(`Your role may not ${what} (it needs the ${scope} scope).`);
  }
}

/** Whether the caller administers the platform or is staff of `agencyCode`. */
export function isStaffOf(caller: Caller, agencyCode: string): boolean {
  return (
    caller.role === 'platform_admin' ||
    (caller.role === 'agency_officer' && caller.agency === agencyCode)
  );
}

/** The agency code a record id carries as its prefix (`SCD-00042` → `SCD`). */
export function agencyOfId(id: string): string {
  return id.slice(0, id.indexOf('-'));
}

/** Cross-agency figures (period aggregates, scorecards) need the `aggregates:read` scope. */
export function requireAggregates(caller: Caller): true {
  requireScope(caller, 'aggregates:read', 'read cross-agency figures');
  return true;
}
