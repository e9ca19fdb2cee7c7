import type { BaseSubgraphContext } from '@sahem/kit';
import type { Loaders } from './loaders.ts';
import type { PrismaClient } from './__generated__/prisma/client.ts';

/** What every resolver of the volunteers subgraph receives, built once per request. */
export interface Context extends BaseSubgraphContext {
  db: PrismaClient;
  loaders: Loaders;
  /** Salt of the national-id hash; see {@link hashNationalId}. */
  nationalIdSalt: string;
}
