import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** sha256 hash (hex) → the operation text it is the hash of. */
export type PersistedDocumentsManifest = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The `format` of a manifest written by Apollo's `generate-persisted-query-manifest`. */
const APOLLO_FORMAT = 'apollo-persisted-query-manifest';

/**
 * Reads a trusted-documents manifest in either format the gateway accepts:
 * - the codegen client preset's (and Relay's local persisting, with SHA256) `persisted-documents.json`:
 *   a JSON object from sha256 hash to operation text;
 * - Apollo's persisted query list (`persisted-query-manifest.json`):
 *   `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "name", "type", "body" }] }`.
 *
 * Every entry is checked, so a manifest hashed with another algorithm, edited by hand or truncated
 * is refused as a whole (at start, or on reload, where the previous one stays in service) instead
 * of refusing a client's operations one by one in production.
 */
export function readPersistedDocumentsManifest(file: string): PersistedDocumentsManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `persisted documents manifest ${file} did not load (GATEWAY_PERSISTED_DOCUMENTS_MANIFEST): ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `persisted documents manifest ${file} is neither a JSON object of hash → text nor an Apollo persisted query list`,
    );
  }
  const entries = 'format' in parsed ? apolloEntries(file, parsed) : Object.entries(parsed);
  const manifest = new Map<string, string>();
  for (const [hash, text] of entries) {
    if (!SHA256_HEX.test(hash) || typeof text !== 'string') {
      throw new Error(
        `persisted documents manifest ${file}: "${hash}" is not a sha256 hash with an operation text`,
      );
    }
    if (createHash('sha256').update(text).digest('hex') !== hash) {
      throw new Error(
        `persisted documents manifest ${file}: "${hash}" is not the sha256 of its text; regenerate it (npm run codegen, or Apollo's generator with its default sha256 ids)`,
      );
    }
    manifest.set(hash, text);
  }
  return manifest;
}

/** The `[id, body]` pairs of an Apollo persisted query list, after checking its envelope. */
function apolloEntries(file: string, manifest: object): [string, unknown][] {
  const { format, version, operations } = manifest as Record<string, unknown>;
  if (format !== APOLLO_FORMAT || version !== 1 || !Array.isArray(operations)) {
    throw new Error(
      `persisted documents manifest ${file}: format ${JSON.stringify(format)} version ${JSON.stringify(version)} is not supported (expected "${APOLLO_FORMAT}" version 1 with an operations list)`,
    );
  }
  return operations.map((operation: unknown) => {
    const { id, body } = (operation ?? {}) as Record<string, unknown>;
    return [String(id), body];
  });
}
