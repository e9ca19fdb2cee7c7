import { fileURLToPath } from 'node:url';
import {
  databaseUrl,
  EnvError,
  flag,
  operationsVariables,
  oneOf,
  port,
  positiveInt,
  readEnv,
  text,
  url,
  type EnvSource,
} from '@sahem/kit';
import { SUBGRAPHS } from '../../schema/subgraphs.ts';
import { DEFAULT_LIMITS } from './limits/GatewayLimits.ts';
import { PERSISTED_DOCUMENTS_MODES } from './persistedDocuments.ts';

const DEFAULT_SUPERGRAPH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);
const DATA_DIR = fileURLToPath(new URL('../../.data', import.meta.url));
const DEFAULT_MANIFEST = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);

/** `VOLUNTEERS_URL`, `PROGRAMS_URL`, …: where the gateway reaches each subgraph. */
export function subgraphUrlVariable(name: string): string {
  return `${name.toUpperCase()}_URL`;
}

/** Configuration of the gateway; see the README for every variable. */
export function gatewayEnv(source: EnvSource = process.env) {
  const env = readEnv(
    {
      GATEWAY_PORT: port(4000, 'HTTP port of the gateway'),
      GATEWAY_HOST: text('127.0.0.1', 'interface the gateway listens on (0.0.0.0 for all)'),
      GATEWAY_SUPERGRAPH_PATH: text(
        DEFAULT_SUPERGRAPH,
        'supergraph SDL file, reloaded when it changes',
      ),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: positiveInt(10_000, 'timeout of one subgraph request'),
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
        `${DATA_DIR}/keys/dev-issuer.jwk.json`,
        'private key of the development identity provider (created on first use)',
      ),
      GATEWAY_SIGNING_KEY_FILE: text(
        `${DATA_DIR}/keys/gateway.jwk.json`,
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
  // An embedded audit trail lives in a folder of the gateway's host: not durable enough there.
  if (env.SAHEM_PRODUCTION && !env.GATEWAY_DATABASE_URL) {
    throw new EnvError(
      'Invalid configuration:\n  - GATEWAY_DATABASE_URL is required in production (the audit trail)',
    );
  }
  const subgraphUrls = readEnv(
    Object.fromEntries(
      SUBGRAPHS.map(({ name, url: defaultUrl }) => [
        subgraphUrlVariable(name),
        url(defaultUrl, `GraphQL endpoint of the ${name} subgraph`),
      ]),
    ),
    source,
  );
  return Object.freeze({
    ...env,
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.map(({ name }) => [name, subgraphUrls[subgraphUrlVariable(name)] as string]),
    ),
  });
}

export type GatewayEnv = ReturnType<typeof gatewayEnv>;
