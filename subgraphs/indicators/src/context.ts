import type { Loaders } from './loaders.ts';
import type { PrismaClient } from './__generated__/prisma/client.ts';

/** What every resolver of the indicators subgraph receives, built once per request. */
export interface Context {
  db: PrismaClient;
  loaders: Loaders;
  /** Correlates this request with the gateway's logs (`x-request-id`). */
  requestId: string;
  /** The current time; decides how much of a running period has elapsed. */
  now: () => Date;
}
