import path from 'node:path';
import {
  AgencyRegistryError,
  databaseUrl,
  EnvError,
  flag,
  listenVariables,
  operationsVariables,
  port,
  positiveInt,
  DEFAULT_SMALL_CELL_THRESHOLD,
  text,
  readAgencyRegistry,
  readEnv,
  url,
  type EnvSource,
  type EnvVar,
} from '@sahem/kit';
import {
  acceptedAudiences,
  parseAgencyCodes,
  programsInstance,
  ProgramsInstanceError,
  type ProgramsInstanceConfig,
} from './agencies/programsInstance.ts';
import { DEVELOPMENT_SKETCH_KEY } from './distinctSketchSql.ts';
import { DEFAULT_SKETCH_CACHE_BYTES } from './periodSketchCache.ts';
import { SHIPPED_AGENCIES_FILE } from './shippedRegistry.ts';

const agencyCodes: EnvVar<string[] | undefined> = {
  description: 'agency codes this instance holds, comma-separated; unset: every registered agency',
  default: undefined,
  parse: parseAgencyCodes,
};

const optionalFile: EnvVar<string | undefined> = {
  description:
    'file holding the service bearer token(s) of the agencies this instance holds, one per line, read before every cell sync',
  default: undefined,
  parse: (raw) => raw,
};

/** Configuration of the programs subgraph; see the README for every variable. */
export function programsEnv(source?: EnvSource) {
  return readEnv(
    {
      ...listenVariables('PROGRAMS', 4002, 'the programs subgraph'),
      PROGRAMS_DATABASE_URL: databaseUrl('PostgreSQL of the programs subgraph; unset: embedded'),
      PROGRAMS_PG_PORT: port(5434, 'port of the embedded PostgreSQL of the programs subgraph'),
      PROGRAMS_AGENCIES: agencyCodes,
      SAHEM_AGENCIES_FILE: text(SHIPPED_AGENCIES_FILE, 'the agency registry (JSON)'),
      PROGRAMS_SKETCH_KEY: text(
        DEVELOPMENT_SKETCH_KEY,
        "secret hashed with volunteer ids in distinct-count sketches, shared by the agencies' instances",
      ),
      PROGRAMS_SKETCH_CACHE_BYTES: positiveInt(
        DEFAULT_SKETCH_CACHE_BYTES,
        'characters of period sketch text kept between requests (an instance holds its own)',
      ),
      PROGRAMS_SKETCH_WARMUP: flag(
        true,
        "fill the sketch cache with every period's national and regional members at start, in the background",
      ),
      SAHEM_SMALL_CELL_THRESHOLD: positiveInt(
        DEFAULT_SMALL_CELL_THRESHOLD,
        'breakdown cells of fewer distinct volunteers are suppressed (same at the gateway)',
      ),
      SAHEM_GATEWAY_JWKS_URL: url(
        'http://127.0.0.1:4000/.well-known/jwks.json',
        "the gateway's public keys, which sign the caller token of every request",
      ),
      PROGRAMS_CELL_SYNC_URL: url(
        undefined,
        "the gateway's GraphQL URL the participant cells are read from; unset: no cell sync",
      ),
      PROGRAMS_CELL_SYNC_TOKEN_FILE: optionalFile,
      PROGRAMS_CELL_SYNC_INTERVAL_MS: positiveInt(600_000, 'time between two cell syncs'),
      SAHEM_DATA_DIR: text(
        path.resolve('.data'),
        'folder of the embedded PostgreSQL data (development)',
      ),
      ...operationsVariables(),
      SAHEM_PRODUCTION: flag(false, 'mask internal errors'),
    },
    source,
  );
}

/** What the environment says this instance is: its agencies, its audiences, its sketch key. */
export interface ProgramsInstanceSettings {
  instance: ProgramsInstanceConfig;
  /** The caller-token audiences it answers to (see `acceptedAudiences`). */
  audiences: string[];
  sketchKey: string;
  /** Where and how often the participant cells are synced; unset: no sync. */
  cellSync?: { gatewayUrl: string; tokenFile: string; intervalMs: number };
}

/**
 * The instance the environment describes, checked against the agency registry: every held code
 * registered, and in production a sketch key of its own. Fails with {@link EnvError} naming the
 * variable, as every configuration problem does.
 */
export function programsInstanceSettings(
  env: ReturnType<typeof programsEnv>,
  source: EnvSource = process.env,
): ProgramsInstanceSettings {
  const problems: string[] = [];
  let instance: ProgramsInstanceConfig | undefined;
  try {
    instance = programsInstance(
      readAgencyRegistry(env.SAHEM_AGENCIES_FILE, source),
      env.PROGRAMS_AGENCIES,
    );
  } catch (error) {
    if (!(error instanceof AgencyRegistryError || error instanceof ProgramsInstanceError))
      throw error;
    problems.push(error.message);
  }
  // The development key is in the repository: sketches made with it can be probed by anyone
  // for a given volunteer, and a short key (a placeholder) by brute force.
  const key = env.PROGRAMS_SKETCH_KEY;
  if (env.SAHEM_PRODUCTION && (key === DEVELOPMENT_SKETCH_KEY || key.length < 32)) {
    problems.push(
      'PROGRAMS_SKETCH_KEY must be set in production to a random secret of 32 characters or more, shared by every agency instance and not given to the gateway',
    );
  }
  const cellSyncUrl = env.PROGRAMS_CELL_SYNC_URL;
  const tokenFile = env.PROGRAMS_CELL_SYNC_TOKEN_FILE;
  if (cellSyncUrl && !tokenFile) {
    problems.push(
      "PROGRAMS_CELL_SYNC_TOKEN_FILE must name the file of the agency's service token when PROGRAMS_CELL_SYNC_URL is set",
    );
  }
  if (problems.length > 0 || !instance) {
    throw new EnvError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    instance,
    audiences: acceptedAudiences(instance),
    sketchKey: env.PROGRAMS_SKETCH_KEY,
    ...(cellSyncUrl &&
      tokenFile && {
        cellSync: {
          gatewayUrl: cellSyncUrl,
          tokenFile,
          intervalMs: env.PROGRAMS_CELL_SYNC_INTERVAL_MS,
        },
      }),
  };
}
