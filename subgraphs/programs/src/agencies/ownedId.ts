import { randomUUID } from 'node:crypto';

/**
 * Keys of the records an instance owns beyond programs (participations, hour logs): the agency's
 * code, a dash, a uuid (`SCD-3f0c…`), so the owner of any key is known without asking anyone.
 * The database checks the same shape (`*_id_names_agency_check`).
 */
export const OWNED_ID =
  /^([A-Z][A-Z0-9]{1,9})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A fresh key of a record of `agencyCode`. */
export function newOwnedId(agencyCode: string): string {
  return `${agencyCode}-${randomUUID()}`;
}

/** The agency an owned key names, or null when `id` is not one (an old uuid, garbage). */
export function ownerOfId(id: string): string | null {
  return OWNED_ID.exec(id)?.[1] ?? null;
}

/**
 * The agency a program id names (`SCD-00042` → `SCD`), or null when `id` names none: then it
 * is simply not a program of this instance.
 */
export function agencyOfProgramId(id: string): string | null {
  return /^([A-Z][A-Z0-9]{1,9})-/.exec(id)?.[1] ?? null;
}
