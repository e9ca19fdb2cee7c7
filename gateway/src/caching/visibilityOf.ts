import type { Caller } from '@sahem/kit';

/**
 * Everything about a caller that a subgraph's answer may depend on, as one string: the claims a
 * caller token carries (subject, role, agency, volunteer id, scopes). Two callers with the same
 * visibility get the same answer to the same request; any difference keeps them apart. Scopes
 * are sorted, since their order means nothing.
 */
export function visibilityOf(caller: Caller): string {
  return JSON.stringify([
    caller.subject,
    caller.role,
    caller.agency,
    caller.volunteerId,
    [...caller.scopes].sort(),
  ]);
}
