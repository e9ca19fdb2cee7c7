// `npm run cells:sync`: one run of a programs instance's participant cell sync, with the
// instance's own environment (PROGRAMS_AGENCIES, PROGRAMS_DATABASE_URL, PROGRAMS_CELL_SYNC_URL,
// PROGRAMS_CELL_SYNC_TOKEN_FILE), e.g. to fill the cells at once after a large import.
import { createDatabase, EnvError } from '@sahem/kit';
import { PrismaClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { readServiceTokens } from '../subgraphs/programs/src/cells/readServiceTokens.ts';
import { syncParticipantCells } from '../subgraphs/programs/src/cells/syncParticipantCells.ts';
import { programsEnv, programsInstanceSettings } from '../subgraphs/programs/src/env.ts';

async function main(): Promise<void> {
  const env = programsEnv();
  const { instance, cellSync } = programsInstanceSettings(env);
  // The instance's store, not an embedded server of this process: the cells belong to it.
  if (!env.PROGRAMS_DATABASE_URL || !cellSync) {
    throw new EnvError(
      'npm run cells:sync needs PROGRAMS_DATABASE_URL (the instance’s database), PROGRAMS_CELL_SYNC_URL and PROGRAMS_CELL_SYNC_TOKEN_FILE (see the README, "Participant cells")',
    );
  }
  // No migration from here: the instance migrates its own store when it starts.
  const db = createDatabase(PrismaClient, { url: env.PROGRAMS_DATABASE_URL, poolSize: 2 });
  try {
    const started = Date.now();
    const report = await syncParticipantCells({
      gatewayUrl: cellSync.gatewayUrl,
      tokens: () => readServiceTokens(cellSync.tokenFile),
      prisma: db.prisma,
      agencies: instance.codes,
    });
    console.log(
      `programs ${instance.name}: ${report.upserted} of ${report.asked} participants refreshed, ${report.withheld} withheld by the register, ${report.deleted} cells removed (${Date.now() - started} ms)`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`cells:sync failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
