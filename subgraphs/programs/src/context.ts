import type { Loaders } from './loaders.ts';
import type { PrismaClient } from './__generated__/prisma/client.ts';

/** What every resolver of the programs subgraph receives, built once per request. */
export interface Context {
  db: PrismaClient;
  loaders: Loaders;
  /** Correlates this request with the gateway's logs (`x-request-id`). */
  requestId: string;
  /** The current time; injectable so tests can pin "today". */
  now: () => Date;
}
