import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SigningKey } from '@sahem/kit';
import { signDemoToken } from '../../gateway/src/auth/demoTokens.ts';
import { readServiceTokens } from '../../subgraphs/programs/src/cells/readServiceTokens.ts';
import { startCellSync } from '../../subgraphs/programs/src/cells/startCellSync.ts';
import { syncParticipantCells } from '../../subgraphs/programs/src/cells/syncParticipantCells.ts';
import type { RunningProgramsInstance } from './startProgramsInstances.ts';

/** What {@link startCellSyncs} needs. */
export interface CellSyncsOptions {
  instances: readonly RunningProgramsInstance[];
  /** The gateway's GraphQL URL, as the instances would be given it in PROGRAMS_CELL_SYNC_URL. */
  gatewayUrl: string;
  /** The development identity provider's key, which mints the agencies' service tokens. */
  issuerKey: SigningKey;
  issuer: { issuer: string; audience: string };
  /** Where the token files go (`cell-sync-SCD.token`). */
  keysDir: string;
  intervalMs: number;
  log: (line: string) => void;
}

/** Tokens are renewed well within the gateway's maximum token age of 12 hours. */
const RENEW_MS = 6 * 3_600_000;

/**
 * `npm start`'s participant cell syncs: the development identity provider mints each
 * instance's service tokens (staff of each agency it holds, with only `pii:read` and
 * `volunteers:search`) into a token file, as production's identity provider would hand them to
 * PROGRAMS_CELL_SYNC_TOKEN_FILE, renews them every 6 hours, and each instance syncs from that
 * file through the gateway, on the same code path as a deployed instance.
 */
export async function startCellSyncs(
  options: CellSyncsOptions,
): Promise<{ stop(): Promise<void> }> {
  await mkdir(options.keysDir, { recursive: true });
  const files = options.instances.map((instance) =>
    path.join(options.keysDir, `cell-sync-${instance.instance}.token`),
  );
  const mint = () =>
    Promise.all(
      options.instances.map(async (instance, index) => {
        const tokens = await Promise.all(
          instance.codes.map((agency) =>
            signDemoToken(
              {
                role: 'agency_officer',
                subject: `${agency}-cell-sync`,
                agency,
                scopes: ['pii:read', 'volunteers:search'],
              },
              options.issuerKey,
              options.issuer,
            ),
          ),
        );
        await writeFile(files[index]!, `${tokens.join('\n')}\n`, { mode: 0o600 });
      }),
    );
  await mint();
  const renew = setInterval(
    () => void mint().catch((error) => options.log(`cell sync tokens: ${String(error)}`)),
    RENEW_MS,
  );
  renew.unref();
  const loops = options.instances.map((instance, index) =>
    startCellSync({
      run: () =>
        syncParticipantCells({
          gatewayUrl: options.gatewayUrl,
          tokens: () => readServiceTokens(files[index]!),
          prisma: instance.db.prisma,
          agencies: instance.codes,
        }),
      intervalMs: options.intervalMs,
      log: (line) => options.log(`programs ${instance.instance}: ${line}`),
    }),
  );
  return {
    async stop() {
      clearInterval(renew);
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
