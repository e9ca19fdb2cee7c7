import { BAD_USER_INPUT } from '@sahem/kit';
import type { ProgramsInstanceConfig } from './programsInstance.ts';

/**
 * Refuses to create or change a record of an agency this instance does not hold: its records
 * live in its own agency's store, and the gateway routes them there. Input, not permission, is
 * what is wrong (the request reached the wrong instance), hence `BAD_USER_INPUT` naming `field`.
 */
export function requireHeld(
  instance: ProgramsInstanceConfig,
  agencyCode: string,
  field: string,
): void {
  if (instance.holds(agencyCode)) return;
  throw BAD_USER_INPUT.err(
    `This programs instance holds the records of ${instance.codes.join(', ')} only; ` +
      `those of ${agencyCode} are kept by its own agency's instance.`,
    { field, agencyCode, heldAgencies: [...instance.codes] },
  );
}
