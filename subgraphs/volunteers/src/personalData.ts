import { FORBIDDEN, hasScope, requireScope, type Caller } from '@sahem/kit';

/** A volunteer as a personal-field resolver sees it: the row plus the `@requires` field. */
export interface VolunteerWithAgencies {
  id: string;
  /** Agencies whose programs the volunteer takes part in, from the programs subgraph. */
  agencyCodes?: readonly string[];
}

/**
 * The row rule for a volunteer's record itself: the volunteer themself, and callers allowed to
 * search volunteers (agency staff, platform admins). Throws FORBIDDEN otherwise, which nulls
 * the record with an error at its path: an analyst or another volunteer learns nothing of it.
 */
export function volunteerRecordAccess(caller: Caller, volunteerId: string): void {
  requireScope(caller, null, 'see volunteers');
  if (caller.role === 'volunteer' && caller.volunteerId === volunteerId) return;
  if (hasScope(caller, 'volunteers:search')) return;
  throw FORBIDDEN.err(
    'A volunteer record is visible to the volunteer themself, to agency staff and to platform admins.',
  );
}

/**
 * The row rule for personal fields: with the `pii:read` scope, a platform admin sees every
 * volunteer's, a volunteer their own, agency staff those of volunteers taking part in their
 * agency's programs. Returns the agency through which access was granted (for the audit), or
 * throws FORBIDDEN, which nulls the field with an error at its path.
 */
export function personalDataAccess(
  caller: Caller,
  volunteer: VolunteerWithAgencies,
): string | null {
  requireScope(caller, 'pii:read', 'see personal data');
  if (caller.role === 'platform_admin') return null;
  if (caller.role === 'volunteer' && caller.volunteerId === volunteer.id) return null;
  if (
    caller.role === 'agency_officer' &&
    caller.agency &&
    volunteer.agencyCodes?.includes(caller.agency)
  ) {
    return caller.agency;
  }
  throw FORBIDDEN.err(
    'Personal data is visible to the volunteer, to staff of the agencies whose programs they take part in, and to platform admins.',
  );
}
