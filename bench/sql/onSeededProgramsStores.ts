import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createDatabase,
  migrate,
  readAgencyRegistry,
  startEmbeddedPostgres,
  type Database,
} from '@sahem/kit';
import { seedPrograms } from '../../scripts/seed/seedPrograms.ts';
import { PrismaClient } from '../../subgraphs/programs/src/__generated__/prisma/client.ts';
import { PROGRAMS_DIR } from '../../subgraphs/programs/src/server.ts';

/** One programs store of a SQL bench, seeded. */
export interface SeededStore {
  /** `single store (4 agencies)` or `one agency's instance (SCD)`. */
  label: string;
  /** The agencies it holds. */
  agencies: readonly string[];
  db: Database<PrismaClient>;
  /** Rows the seed wrote, by table. */
  rows: Record<string, number>;
}

/**
 * Runs `each` on the two programs stores the SQL benches compare, seeded at `scale`: the single
 * store holding every registered agency, then SCD's instance alone. On a throw-away embedded
 * PostgreSQL in a temp folder, on a free port; stopped and deleted at the end, whatever happens.
 */
export async function onSeededProgramsStores(
  scale: number,
  each: (store: SeededStore) => Promise<void>,
): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'sahem-bench-sql-'));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(work, 'pg'),
    port: 0,
    ephemeral: true,
  });
  const all = readAgencyRegistry(undefined, {}).agencies.map((agency) => agency.code);
  try {
    for (const [label, agencies] of [
      ['single store (4 agencies)', all],
      ["one agency's instance (SCD)", ['SCD']],
    ] as const) {
      const name = `bench_${agencies.length}`;
      await server.ensureDatabase(name);
      await migrate(server.url(name), path.join(PROGRAMS_DIR, 'prisma', 'migrations'));
      const db = createDatabase(PrismaClient, { url: server.url(name), poolSize: 2 });
      try {
        const seeded = await seedPrograms(db, { scale, agencies });
        await each({ label, agencies, db, rows: seeded.rows });
      } finally {
        await db.close();
      }
    }
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

/** `p50 / p95` in ms of `runs` timed calls of `work`, after two warm-up calls. */
export async function timed(runs: number, work: () => Promise<unknown>): Promise<string> {
  await work();
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  return `${at(0.5)} / ${at(0.95)}`;
}
