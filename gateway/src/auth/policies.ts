import type { Caller } from '@sahem/kit';

/**
 * The named policies `@policy` refers to, evaluated on the caller alone (what a record
 * contains is checked by the subgraph that holds it). An unknown policy name denies.
 */
export const POLICIES: Record<string, (caller: Caller) => boolean> = {
  /** Staff of an agency, or a platform admin. */
  agency_staff: (caller) =>
    (caller.role === 'agency_officer' && caller.agency !== null) ||
    caller.role === 'platform_admin',
};
