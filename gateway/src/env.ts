import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  databaseUrl,
  DEFAULT_AGENCIES_FILE,
  EnvError,
  flag,
  listenVariables,
  nonNegativeInt,
  operationsVariables,
  oneOf,
  port,
  positiveInt,
  DEFAULT_SMALL_CELL_THRESHOLD,
  readEnv,
  text,
  url,
  type EnvSource,
  type EnvVar,
} from '@sahem/kit';
import { DEFAULT_CONTRACTS_DIR } from './agencies/routeAgencies.ts';
import { DEFAULT_LIMITS } from './limits/GatewayLimits.ts';
import { resilienceVariables } from './resilience/resilienceVariables.ts';
import { RATE_LIMIT_STORES } from './limits/rateLimitStoreFromEnv.ts';
import { PERSISTED_DOCUMENTS_MODES } from './trustedDocuments/persistedDocuments.ts';
import { corsOrigins } from './web/corsOrigins.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);
const DATA_DIR = fileURLToPath(new URL('../../.data', import.meta.url));
const DEFAULT_MANIFEST = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);

/**
 * `GATEWAY_SUBGRAPH_URLS`: `name=url` pairs separated by commas, each overriding the URL the
 * supergraph records for that subgraph. Names are the supergraph's, whatever they are.
 */
export function subgraphUrlOverrides(description: string): EnvVar<Record<string, string>> {
  const single = url(undefined, description);
  return {
    description,
    default: {},
    parse(raw) {
      const overrides: Record<string, string> = {};
      for (const pair of raw.split(',').map((entry) => entry.trim())) {
        if (pair === '') continue;
        const match = /^([A-Za-z_][\w-]*)\s*=\s*(.+)$/.exec(pair);
        if (!match) throw new Error(`expected name=url pairs separated by commas, got "${pair}"`);
        const [, name, value] = match as unknown as [string, string, string];
        if (name in overrides) throw new Error(`${name} is given twice`);
        try {
          overrides[name] = single.parse(value.trim()) as string;
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      }
      return overrides;
    },
  };
}

/** `true`/`false`, or `undefined` when unset (the default then depends on another variable). */
function optionalFlag(description: string): EnvVar<boolean | undefined> {
  const { parse } = flag(false, description);
  return { description, default: undefined, parse };
}

/** Configuration of the gateway; see the README for every variable. */
export function gatewayEnv(source: EnvSource = process.env) {
  // Key files default to the data folder, so it is read first.
  const dataDir = path.resolve(source.SAHEM_DATA_DIR || DATA_DIR);
  const env = readEnv(
    {
      ...listenVariables('GATEWAY', 4000, 'the gateway'),
      SAHEM_DATA_DIR: text(dataDir, 'folder of the embedded PostgreSQL data and generated keys'),
      GATEWAY_SUBGRAPH_URLS: subgraphUrlOverrides(
        'name=url pairs overriding the URLs the supergraph records (unset: the supergraph decides)',
      ),
      SAHEM_AGENCIES_FILE: text(
        DEFAULT_AGENCIES_FILE,
        'the agency registry: which programs instance holds each agency (AGENCY_<CODE>_URL overrides one)',
      ),
      GATEWAY_CONTRACTS_DIR: text(
        DEFAULT_CONTRACTS_DIR,
        'the composed contracts (schema/contracts) the agency instances are checked against',
      ),
      GATEWAY_SUBGRAPH_CA_FILE: {
        description: 'PEM CA certificate(s) trusted for HTTPS subgraphs instead of the system CAs',
        default: undefined,
        parse: (raw: string) => raw,
      } as EnvVar<string | undefined>,
      GATEWAY_AUDIT: oneOf(
        ['on', 'off'] as const,
        'on',
        'record every operation in the audit trail; off runs without its database (not in production)',
      ),
      GATEWAY_RATE_LIMIT_STORE: oneOf(
        RATE_LIMIT_STORES,
        'memory',
        "where rate-limit counters live: memory (one process) or postgres (the gateway's database, shared by replicas)",
      ),
      GATEWAY_SUPERGRAPH_PATH: text(
        DEFAULT_SUPERGRAPH,
        'supergraph SDL file, reloaded when it changes',
      ),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: positiveInt(10_000, 'timeout of one subgraph request'),
      ...resilienceVariables(),
      GATEWAY_REQUEST_TIMEOUT_MS: positiveInt(
        10_000,
        'how long the gateway works on one request; the deadline every subgraph is told',
      ),
      GATEWAY_DEADLINE_MARGIN_MS: positiveInt(
        100,
        'how much earlier than the gateway gives up a subgraph is told to stop',
      ),
      GATEWAY_DATABASE_URL: databaseUrl('PostgreSQL of the gateway (audit trail); unset: embedded'),
      GATEWAY_PG_PORT: port(5436, 'port of the embedded PostgreSQL of the gateway'),
      GATEWAY_DATABASE_MIGRATE: flag(
        true,
        "apply the gateway's migrations at start (false when the table owner applies them)",
      ),
      GATEWAY_PERSISTED_DOCUMENTS: oneOf(
        PERSISTED_DOCUMENTS_MODES,
        'allow',
        'trusted documents: off, allow (manifest and any query, APQ) or enforce (manifest only)',
      ),
      GATEWAY_PERSISTED_DOCUMENTS_MANIFEST: text(
        DEFAULT_MANIFEST,
        'trusted-documents manifest (sha256 → operation) written by npm run codegen',
      ),
      GATEWAY_JWT_ISSUER: text('https://sahem.local/dev-issuer', 'required `iss` of bearer tokens'),
      GATEWAY_JWT_AUDIENCE: text('sahem', 'required `aud` of bearer tokens'),
      GATEWAY_JWKS_URL: url(
        undefined,
        "the identity provider's JWKS (RS256/ES256 keys); unset: the development issuer key",
      ),
      GATEWAY_DEV_ISSUER_KEY_FILE: text(
        path.join(dataDir, 'keys', 'dev-issuer.jwk.json'),
        'private key of the development identity provider (created on first use)',
      ),
      GATEWAY_SIGNING_KEY_FILE: text(
        path.join(dataDir, 'keys', 'gateway.jwk.json'),
        "the gateway's private key for caller tokens (created on first use; share it between replicas)",
      ),
      GATEWAY_REJECT_UNAUTHORIZED: flag(
        false,
        'reject a whole operation asking for a field the caller may not see, instead of nulling it',
      ),
      GATEWAY_MAX_DEPTH: positiveInt(DEFAULT_LIMITS.maxDepth, 'deepest nesting of fields'),
      GATEWAY_MAX_ALIASES: positiveInt(DEFAULT_LIMITS.maxAliases, 'most aliases in an operation'),
      GATEWAY_MAX_ROOT_FIELDS: positiveInt(DEFAULT_LIMITS.maxRootFields, 'most root fields'),
      GATEWAY_MAX_TOKENS: positiveInt(DEFAULT_LIMITS.maxTokens, 'most tokens in a document'),
      GATEWAY_MAX_DIRECTIVES: positiveInt(DEFAULT_LIMITS.maxDirectives, 'most directives'),
      GATEWAY_MAX_FIELDS: positiveInt(
        DEFAULT_LIMITS.maxFields,
        'most field selections once fragments are expanded',
      ),
      SAHEM_SMALL_CELL_THRESHOLD: positiveInt(
        DEFAULT_SMALL_CELL_THRESHOLD,
        'breakdown cells of fewer distinct volunteers are suppressed (same on the programs instances)',
      ),
      GATEWAY_MAX_COST: positiveInt(DEFAULT_LIMITS.maxCost, 'highest estimated operation cost'),
      GATEWAY_COST_DEFAULT_LIST_SIZE: positiveInt(
        DEFAULT_LIMITS.defaultListSize,
        'list size assumed by the cost estimate when the schema gives none',
      ),
      GATEWAY_RATE_LIMIT_PER_MINUTE: positiveInt(
        DEFAULT_LIMITS.rateLimitPerMinute,
        'requests a minute (and burst) per authenticated caller',
      ),
      GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE: positiveInt(
        DEFAULT_LIMITS.anonymousRateLimitPerMinute,
        'requests a minute (and burst) per anonymous client address',
      ),
      GATEWAY_CORS_ORIGINS: corsOrigins(
        'web origins that may call /graphql from a browser: *, or origins separated by commas; unset: this machine in development, none in production',
      ),
      GATEWAY_EXPLORER: optionalFlag('serve the offline GraphiQL explorer at /explorer/'),
      GATEWAY_DASHBOARD: flag(true, 'serve the KPI dashboard at /dashboard/'),
      GATEWAY_DEDUP: flag(
        true,
        'share one subgraph fetch among identical query fetches in flight for callers of the same visibility',
      ),
      GATEWAY_RESPONSE_CACHE_TTL_MS: nonNegativeInt(
        30_000,
        'longest a cached answer of an aggregate operation is served (its staleness bound); 0: no response cache',
      ),
      GATEWAY_RESPONSE_CACHE_MAX_ENTRIES: positiveInt(
        1_000,
        'most answers the response cache holds',
      ),
      GATEWAY_RESPONSE_CACHE_MAX_BYTES: positiveInt(
        64 * 1024 * 1024,
        'most bytes of answers the response cache holds',
      ),
      GATEWAY_WORKERS: positiveInt(1, 'gateway worker processes sharing the port (node:cluster)'),
      ...operationsVariables(),
      SAHEM_PRODUCTION: flag(
        false,
        'mask internal errors, disable introspection and the landing page',
      ),
    },
    source,
  );
  if (env.SAHEM_PRODUCTION && !env.GATEWAY_JWKS_URL) {
    throw new EnvError(
      "Invalid configuration:\n  - GATEWAY_JWKS_URL is required in production (the identity provider's public keys)",
    );
  }
  // Production keeps an audit trail, in a database of its own: an embedded one lives in a
  // folder of the gateway's host (lost with a container), and none at all is no trail.
  if (env.SAHEM_PRODUCTION && env.GATEWAY_AUDIT === 'off') {
    throw new EnvError(
      'Invalid configuration:\n  - GATEWAY_AUDIT=off is refused in production (every operation must be recorded)',
    );
  }
  if (env.SAHEM_PRODUCTION && !env.GATEWAY_DATABASE_URL) {
    throw new EnvError(
      'Invalid configuration:\n  - GATEWAY_DATABASE_URL is required in production (the audit trail)',
    );
  }
  return Object.freeze({
    ...env,
    // The explorer is a developer's tool: on in development, off in production unless asked for.
    GATEWAY_EXPLORER: env.GATEWAY_EXPLORER ?? !env.SAHEM_PRODUCTION,
    subgraphUrls: env.GATEWAY_SUBGRAPH_URLS,
  });
}

export type GatewayEnv = ReturnType<typeof gatewayEnv>;
