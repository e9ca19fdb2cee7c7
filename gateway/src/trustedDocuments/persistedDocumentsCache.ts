import {
  InMemoryLRUCache,
  PrefixingKeyValueCache,
  type KeyValueCache,
} from '@apollo/utils.keyvaluecache';
import type { TrustedDocuments } from './createTrustedDocuments.ts';

/**
 * The cache Apollo Server resolves `extensions.persistedQuery.sha256Hash` against: the trusted
 * documents first, so every shipped operation resolves from its id alone; then, when `register`
 * is set, the documents clients registered through Automatic Persisted Queries (hash + text) at
 * run time. Without `register` only a trusted text can be added, under the hash its client
 * computed (see `TrustedDocuments.remember`): the manifest stays the whole list.
 */
export function persistedDocumentsCache(
  trusted: TrustedDocuments,
  { register }: { register: boolean },
): KeyValueCache<string> {
  const registered = register ? new InMemoryLRUCache<string>() : undefined;
  const cache: KeyValueCache<string> = {
    async get(hash) {
      return trusted.lookup(hash) ?? (await registered?.get(hash));
    },
    async set(hash, text, options) {
      if (trusted.lookup(hash) !== undefined) return;
      // Apollo Server checked that `hash` is the sha256 of `text` before it got here.
      if (registered) await registered.set(hash, text, options);
      else trusted.remember(hash, text);
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
