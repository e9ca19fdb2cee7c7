import {
  InMemoryLRUCache,
  PrefixingKeyValueCache,
  type KeyValueCache,
} from '@apollo/utils.keyvaluecache';
import type { PersistedDocumentsManifest } from './readPersistedDocumentsManifest.ts';

/**
 * The cache Apollo Server resolves `extensions.persistedQuery.sha256Hash` against: the manifest
 * first, so every shipped operation resolves from its hash alone; then, when `register` is set,
 * the documents clients registered through Automatic Persisted Queries (hash + text) at run time.
 * Without `register` nothing can be added: the manifest is the whole list.
 */
export function persistedDocumentsCache(
  manifest: PersistedDocumentsManifest,
  { register }: { register: boolean },
): KeyValueCache<string> {
  const registered = register ? new InMemoryLRUCache<string>() : undefined;
  const cache: KeyValueCache<string> = {
    async get(hash) {
      return manifest.get(hash) ?? (await registered?.get(hash));
    },
    async set(hash, text, options) {
      if (manifest.has(hash)) return;
      await registered?.set(hash, text, options);
    },
    async delete(hash) {
      return registered?.delete(hash);
    },
  };
  // Keys are the hashes themselves: this cache serves persisted queries only, so Apollo's
  // `apq:` prefix (which keeps features apart in a shared cache) would only hide the manifest.
  // The marker is a symbol of @apollo/utils.keyvaluecache, so the gateway must depend on the
  // same copy as @apollo/server (npm dedupes them; the persisted-documents e2e tests notice).
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(cache);
}
