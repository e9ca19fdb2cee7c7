import type { BaseSubgraphContext } from '@sahem/kit';
import type { ProgramsInstanceConfig } from './agencies/programsInstance.ts';
import type { Loaders } from './loaders.ts';
import type { PrismaClient } from './__generated__/prisma/client.ts';

/** What every resolver of the programs subgraph receives, built once per request. */
export interface Context extends BaseSubgraphContext {
  db: PrismaClient;
  loaders: Loaders;
  /** The current time; injectable so tests can pin "today". */
  now: () => Date;
  /** The agencies this instance holds: it serves and writes their records only. */
  instance: ProgramsInstanceConfig;
  /** Final breakdown cells of fewer distinct volunteers are suppressed (`SAHEM_SMALL_CELL_THRESHOLD`). */
  smallCellThreshold: number;
}
