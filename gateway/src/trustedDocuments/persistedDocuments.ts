import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { createTrustedDocuments } from './createTrustedDocuments.ts';
import { persistedDocumentsCache } from './persistedDocumentsCache.ts';
import { trustedDocumentsPlugin } from './trustedDocumentsPlugin.ts';

/** How the gateway treats persisted (trusted) documents; `GATEWAY_PERSISTED_DOCUMENTS`. */
export const PERSISTED_DOCUMENTS_MODES = ['off', 'allow', 'enforce'] as const;

/**
 * - `off`: every request carries its text; id-only requests get `PERSISTED_QUERY_NOT_SUPPORTED`.
 * - `allow`: manifest ids resolve, any text runs, Automatic Persisted Queries register.
 * - `enforce`: only manifest operations run, by id or by a text whose normal form is a manifest
 *   document's; nothing else, no registration.
 */
export type PersistedDocumentsMode = (typeof PERSISTED_DOCUMENTS_MODES)[number];

/** Trusted-documents configuration of the gateway. */
export interface PersistedDocumentsConfig {
  mode: PersistedDocumentsMode;
  /**
   * The manifest: `persisted-documents.json` from `npm run codegen` (or Relay), or an Apollo
   * persisted query list; not read in `off` mode. Reloaded when the file changes.
   */
  manifestPath: string;
  /** Reload the manifest when its file changes. @default true */
  watch?: boolean;
}

/** What {@link persistedDocuments} adds to the Apollo Server configuration. */
export interface PersistedDocumentsOptions<TContext extends BaseContext> {
  /** Spread into the Apollo Server options (sets `persistedQueries` unless unconfigured). */
  options: Pick<ApolloServerOptions<TContext>, 'persistedQueries'>;
  /** Added to the server's plugins. */
  plugins: ApolloServerPlugin<TContext>[];
  /** The texts of the trusted documents in service (none without a manifest). */
  documents(): Iterable<string>;
  /** Stops watching the manifest. */
  stop(): void;
}

/**
 * The Apollo Server options and plugins of a trusted-documents mode. Reads and checks the
 * manifest now, so a missing or corrupt one stops the gateway at start. Without a configuration
 * Apollo Server's defaults stay (in-memory Automatic Persisted Queries, no manifest).
 */
export function persistedDocuments<TContext extends BaseContext>(
  config: PersistedDocumentsConfig | undefined,
  log?: (line: string) => void,
  onReload?: () => void,
): PersistedDocumentsOptions<TContext> {
  const none = () => undefined;
  const documents = () => [];
  if (!config) return { options: {}, plugins: [], documents, stop: none };
  if (config.mode === 'off') {
    return { options: { persistedQueries: false }, plugins: [], documents, stop: none };
  }
  const trusted = createTrustedDocuments(config.manifestPath, {
    watch: config.watch ?? true,
    ...(log && { log }),
    ...(onReload && { onReload }),
  });
  const enforce = config.mode === 'enforce';
  return {
    options: {
      persistedQueries: { cache: persistedDocumentsCache(trusted, { register: !enforce }) },
    },
    plugins: enforce ? [trustedDocumentsPlugin<TContext>(trusted)] : [],
    documents: () => trusted.manifest().values(),
    stop: () => trusted.close(),
  };
}
