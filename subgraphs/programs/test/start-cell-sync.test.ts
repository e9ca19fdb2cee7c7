import { describe, expect, it } from 'vitest';
import { startCellSync } from '../src/cells/startCellSync.ts';
import {
  CellSyncError,
  NoServiceTokenError,
  type CellSyncReport,
} from '../src/cells/syncParticipantCells.ts';

const report: CellSyncReport = { asked: 2, upserted: 2, withheld: 0, deleted: 0 };

/** Runs the loop over `outcomes` (one per run) and returns what it logged. */
async function logOf(outcomes: (CellSyncReport | Error)[]): Promise<string[]> {
  const lines: string[] = [];
  let runs = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const loop = startCellSync({
    run: async () => {
      const outcome = outcomes[runs++];
      if (runs >= outcomes.length) done();
      if (outcome === undefined) return { asked: 0, upserted: 0, withheld: 0, deleted: 0 };
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    intervalMs: 1,
    firstDelayMs: 0,
    log: (line) => lines.push(line),
  });
  await finished;
  await loop.stop();
  return lines.map((line) => line.replace(/ in \d+ ms$/, ''));
}

describe('the cell sync loop', () => {
  it('says once that it is idle without a service token, and again after it ran', async () => {
    const none = () => new NoServiceTokenError('no service token to ask with');
    expect(await logOf([none(), none(), none(), report, none(), none()])).toEqual([
      'cell sync idle: no service token in the token file yet',
      'cell sync: 2 of 2 participants refreshed, 0 withheld by the register, 0 cells removed,',
      'cell sync idle: no service token in the token file yet',
    ]);
  });

  it('logs every other failure at every run', async () => {
    const down = () => new CellSyncError('the gateway answered HTTP 503');
    expect(await logOf([down(), down()])).toEqual([
      'cell sync failed, next try in 1 ms: the gateway answered HTTP 503',
      'cell sync failed, next try in 1 ms: the gateway answered HTTP 503',
    ]);
  });
});
