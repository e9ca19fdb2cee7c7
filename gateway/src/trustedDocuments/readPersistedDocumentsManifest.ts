import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** sha256 hash (hex) → the exact operation text it is the hash of. */
export type PersistedDocumentsManifest = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Reads a trusted-documents manifest (`persisted-documents.json`, written by the codegen client
 * preset): a JSON object from sha256 hash to operation text. Every entry is checked, so a manifest
 * hashed with another algorithm, edited by hand or truncated stops the gateway at start instead of
 * refusing a client's operations one by one in production.
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
    throw new Error(`persisted documents manifest ${file} is not a JSON object of hash → text`);
  }
  const manifest = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    if (!SHA256_HEX.test(hash) || typeof text !== 'string') {
      throw new Error(
        `persisted documents manifest ${file}: "${hash}" is not a sha256 hash with an operation text`,
      );
    }
    if (createHash('sha256').update(text).digest('hex') !== hash) {
      throw new Error(
        `persisted documents manifest ${file}: "${hash}" is not the sha256 of its text; regenerate it with npm run codegen`,
      );
    }
    manifest.set(hash, text);
  }
  return manifest;
}
