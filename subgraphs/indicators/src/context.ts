import type { BaseSubgraphContext } from '@sahem/kit';
import type { Loaders } from './loaders.ts';
import type { PrismaClient } from './__generated__/prisma/client.ts';

/** What every resolver of the indicators subgraph receives, built once per request. */
export interface Context extends BaseSubgraphContext {
  db: PrismaClient;
  loaders: Loaders;
  /** The current time; decides how much of a running period has elapsed. */
  now: () => Date;
}
