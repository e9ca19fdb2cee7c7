import type { Caller } from '@sahem/kit';

/**
 * Everything about a caller that a subgraph's answer may depend on, as one string: the claims a
 * caller token carries (subject, role, agency, volunteer id, scopes). Two callers with the same
 * visibility get the same answer to the same request; any difference keeps them apart. Scopes
 * are sorted, since their order means nothing.
 */
export function visibilityOf(caller: Caller): string {
  // Asked once per subgraph fetch, of the caller the bearer-token cache handed out (frozen, the
  // same object for every request of one token): worked out once per caller, not per fetch.
  const known = visibilities.get(caller);
  if (known !== undefined) return known;
  const visibility = JSON.stringify([
    caller.subject,
    caller.role,
    caller.agency,
    caller.volunteerId,
    [...caller.scopes].sort(),
  ]);
  if (Object.isFrozen(caller) && Object.isFrozen(caller.scopes))
    visibilities.set(caller, visibility);
  return visibility;
}

const visibilities = new WeakMap<Caller, string>();
