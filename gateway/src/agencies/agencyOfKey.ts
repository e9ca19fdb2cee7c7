/** An agency code, or a key that starts with one: `SCD`, `SCD-00042`, `SCD-3f0c…`. */
const OWNED = /^([A-Z][A-Z0-9]{1,9})(?:-|$)/;

/**
 * The agency a key names: every key of an agency's records starts with its code, so the owner of
 * any record is known from its key without asking anyone. Undefined when the value names none.
 */
export function agencyOfKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return OWNED.exec(value)?.[1];
}

/** The value at a dotted path (`input.agencyCode`) of an object; undefined where it stops. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? undefined;
}
