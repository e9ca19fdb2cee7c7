import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { persistedDocumentsCache } from './persistedDocumentsCache.ts';
import { readPersistedDocumentsManifest } from './readPersistedDocumentsManifest.ts';
import { trustedDocumentsPlugin } from './trustedDocumentsPlugin.ts';

/** How the gateway treats persisted (trusted) documents; `GATEWAY_PERSISTED_DOCUMENTS`. */
export const PERSISTED_DOCUMENTS_MODES = ['off', 'allow', 'enforce'] as const;

/**
 * - `off`: every request carries its text; hash-only requests get `PERSISTED_QUERY_NOT_SUPPORTED`.
 * - `allow`: manifest hashes resolve, any text runs, Automatic Persisted Queries register.
 * - `enforce`: only manifest operations run, by hash or exact text; nothing else, no registration.
 */
export type PersistedDocumentsMode = (typeof PERSISTED_DOCUMENTS_MODES)[number];

/** Trusted-documents configuration of the gateway. */
export interface PersistedDocumentsConfig {
  mode: PersistedDocumentsMode;
  /** The manifest written by `npm run codegen`; not read in `off` mode. */
  manifestPath: string;
}

/** What {@link persistedDocuments} adds to the Apollo Server configuration. */
export interface PersistedDocumentsOptions<TContext extends BaseContext> {
  /** Spread into the Apollo Server options (sets `persistedQueries` unless unconfigured). */
  options: Pick<ApolloServerOptions<TContext>, 'persistedQueries'>;
  /** Added to the server's plugins. */
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * The Apollo Server options and plugins of a trusted-documents mode. Reads and checks the
 * manifest now, so a missing or corrupt one stops the gateway at start. Without a configuration
 * Apollo Server's defaults stay (in-memory Automatic Persisted Queries, no manifest).
 */
export function persistedDocuments<TContext extends BaseContext>(
  config: PersistedDocumentsConfig | undefined,
): PersistedDocumentsOptions<TContext> {
  if (!config) return { options: {}, plugins: [] };
  if (config.mode === 'off') return { options: { persistedQueries: false }, plugins: [] };
  const manifest = readPersistedDocumentsManifest(config.manifestPath);
  const enforce = config.mode === 'enforce';
  return {
    options: {
      persistedQueries: { cache: persistedDocumentsCache(manifest, { register: !enforce }) },
    },
    plugins: enforce ? [trustedDocumentsPlugin<TContext>(manifest)] : [],
  };
}
