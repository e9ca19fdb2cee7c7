import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { normalizeDocument } from './normalizeDocument.ts';
import {
  readPersistedDocumentsManifest,
  type PersistedDocumentsManifest,
} from './readPersistedDocumentsManifest.ts';

/** The trusted documents in service, reloaded when the manifest file changes. */
export interface TrustedDocuments {
  /** The manifest in service. */
  manifest(): PersistedDocumentsManifest;
  /** The text of a manifest id, or of a hash a client computed over a trusted text (see `remember`). */
  lookup(hash: string): string | undefined;
  /** Whether a document is, up to its normal form, one of the manifest's. */
  isTrusted(document: DocumentNode, queryHash: string): boolean;
  /**
   * Remembers `hash` (the sha256 of `text`, checked before) as another name of a trusted document,
   * so a client that hashes its own printing (Apollo Client's persisted-queries link) is answered
   * from the hash alone after its first full-text request. Untrusted texts are ignored.
   */
  remember(hash: string, text: string): void;
  /** Stops watching the manifest file. */
  close(): void;
}

/** Options of {@link createTrustedDocuments}. */
export interface TrustedDocumentsOptions {
  /** Reload the manifest when its file changes. @default true */
  watch?: boolean;
  /** @default console.log */
  log?: (line: string) => void;
  /** Called once a changed manifest is in service. */
  onReload?: () => void;
}

// Both bound memory whatever clients send: a normal form is computed once per distinct text.
const MAX_REMEMBERED = 10_000;

/**
 * Reads the manifest now (a missing or corrupt one throws, so the gateway does not start) and
 * then watches its file like the supergraph: a changed manifest is put in service without a
 * restart, and one that does not load is reported while the previous one stays in service.
 */
export function createTrustedDocuments(
  file: string,
  options: TrustedDocumentsOptions = {},
): TrustedDocuments {
  const log = options.log ?? console.log;
  let manifest = readPersistedDocumentsManifest(file);
  let normalForms = normalFormsOf(manifest);
  // Per manifest version: queryHash → trusted?, and a client's hash → trusted text.
  let verdicts = new Map<string, boolean>();
  let aliases = new Map<string, string>();

  const put = (next: PersistedDocumentsManifest) => {
    manifest = next;
    normalForms = normalFormsOf(next);
    verdicts = new Map();
    aliases = new Map();
  };
  const bounded = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value!);
    map.set(key, value);
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch ?? true) {
    // The folder, not the file: codegen and deploy tools replace the file, which ends a watch
    // on the old inode. Bursts of events are coalesced.
    watcher = watch(path.dirname(file), (_, name) => {
      if (name !== path.basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          const next = readPersistedDocumentsManifest(file);
          if (sameManifest(next, manifest)) return;
          put(next);
          log(`gateway: trusted documents reloaded from ${file} (${next.size} operations)`);
          options.onReload?.();
        } catch (error) {
          log(
            `gateway: kept the previous trusted documents (${manifest.size} operations); ${(error as Error).message}`,
          );
        }
      }, 100);
    });
  }

  return {
    manifest: () => manifest,
    lookup: (hash) => manifest.get(hash) ?? aliases.get(hash),
    isTrusted(document, queryHash) {
      if (manifest.has(queryHash)) return true;
      let verdict = verdicts.get(queryHash);
      if (verdict === undefined) {
        verdict = normalForms.has(normalizeDocument(document));
        bounded(verdicts, queryHash, verdict);
      }
      return verdict;
    },
    remember(hash, text) {
      if (manifest.has(hash) || aliases.has(hash)) return;
      let document: DocumentNode;
      try {
        document = parse(text);
      } catch {
        return;
      }
      if (normalForms.has(normalizeDocument(document))) bounded(aliases, hash, text);
    },
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}

function normalFormsOf(manifest: PersistedDocumentsManifest): Set<string> {
  return new Set([...manifest.values()].map((text) => normalizeDocument(parse(text))));
}

function sameManifest(a: PersistedDocumentsManifest, b: PersistedDocumentsManifest): boolean {
  return a.size === b.size && [...a.keys()].every((hash) => b.has(hash));
}
