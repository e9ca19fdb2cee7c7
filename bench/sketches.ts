// `npm run bench:sketches -- [--scale N]`: what the distinct-count sketches cost a programs
// instance per request, at seed scale N, next to the figures statement they accompany: the
// national sketches and the 13 regions' (one statement each), for a year, a quarter and a month,
// on the single store and on one agency's instance. A throw-away embedded PostgreSQL in a temp
// folder, on a free port; stopped and deleted at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  decodeSketch,
  migrate,
  parsePeriod,
  readAgencyRegistry,
  REGIONS,
  startEmbeddedPostgres,
} from '@sahem/kit';
import { seedPrograms } from '../scripts/seed/seedPrograms.ts';
import { PrismaClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { periodSketches } from '../subgraphs/programs/src/distinctSketchSql.ts';
import { NATIONAL, periodFigures } from '../subgraphs/programs/src/periodStats.ts';
import { PROGRAMS_DIR } from '../subgraphs/programs/src/server.ts';

const RUNS = 15;
const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
const work = await mkdtemp(path.join(tmpdir(), 'sahem-bench-sketches-'));
const server = await startEmbeddedPostgres({
  dataDir: path.join(work, 'pg'),
  port: 0,
  ephemeral: true,
});
const today = new Date('2026-11-30T00:00:00Z');
const all = readAgencyRegistry(undefined, {}).agencies.map((agency) => agency.code);

/** Median and p95 of `RUNS` timed calls of `work`, after two warm-up calls. */
async function time(work: () => Promise<unknown>): Promise<string> {
  await work();
  await work();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  return `${at(0.5)} / ${at(0.95)}`;
}

try {
  for (const [label, agencies] of [
    ['single store (4 agencies)', all],
    ["one agency's instance (SCD)", ['SCD']],
  ] as const) {
    const name = `bench_${agencies.length}`;
    await server.ensureDatabase(name);
    await migrate(server.url(name), path.join(PROGRAMS_DIR, 'prisma', 'migrations'));
    const db = createDatabase(PrismaClient, { url: server.url(name), poolSize: 2 });
    const seeded = await seedPrograms(db, { scale, agencies });
    const regions = [...REGIONS.keys()];
    console.log(`\n${label}, scale ${scale}: ${JSON.stringify(seeded.rows)}`);
    console.log('| period | statement | ms, p50 / p95 | registers returned |');
    console.log('|---|---|---|---|');
    for (const key of ['2026', '2026-Q3', '2026-07']) {
      const period = parsePeriod(key);
      const national = await periodSketches(
        db.prisma,
        'national',
        [NATIONAL],
        period,
        agencies,
        'k',
      );
      const registers = (sketch: string) => decodeSketch(sketch).filter((rank) => rank > 0).length;
      const nationalRegisters = Object.values(national.get(NATIONAL)!).map(registers);
      const byRegion = await periodSketches(
        db.prisma,
        'regionCode',
        regions,
        period,
        agencies,
        'k',
      );
      const regionRegisters = [...byRegion.values()].flatMap((s) =>
        Object.values(s).map(registers),
      );
      const rows = [
        [
          'national figures',
          time(() => periodFigures(db.prisma, 'national', [NATIONAL], period, today, agencies)),
          '–',
        ],
        [
          'national sketches (3)',
          time(() => periodSketches(db.prisma, 'national', [NATIONAL], period, agencies, 'k')),
          nationalRegisters.map(Math.round).join(' + '),
        ],
        [
          '13 regions figures',
          time(() => periodFigures(db.prisma, 'regionCode', regions, period, today, agencies)),
          '–',
        ],
        [
          '13 regions sketches (39)',
          time(() => periodSketches(db.prisma, 'regionCode', regions, period, agencies, 'k')),
          String(Math.round(regionRegisters.reduce((a, b) => a + b, 0))),
        ],
      ] as const;
      for (const [statement, timing, returned] of rows) {
        console.log(`| ${key} | ${statement} | ${await timing} | ${returned} |`);
      }
    }
    await db.close();
  }
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
