// `npm run bench:analyst -- [--scale N]`: what the analyst's questions of issue 11 cost a
// programs instance per request, at seed scale N, in SQL (the statements each question sends):
// a 22-month national trend (figures, hours by skill, sketches; one statement each for every
// period, next to one statement per period as before), league tables, programs' figures and the
// verification backlog, on the single store and on one agency's instance. A throw-away
// embedded PostgreSQL in a temp folder, on a free port; stopped and deleted at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  migrate,
  parsePeriod,
  periodRange,
  readAgencyRegistry,
  REGIONS,
  startEmbeddedPostgres,
} from '@sahem/kit';
import { seedPrograms } from '../scripts/seed/seedPrograms.ts';
import { PrismaClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import { sketchesOfPeriods } from '../subgraphs/programs/src/distinctSketchSql.ts';
import { rankPrograms } from '../subgraphs/programs/src/leagueTables/rankPrograms.ts';
import {
  figuresOfPeriods,
  hoursBySkillOfPeriods,
  NATIONAL,
} from '../subgraphs/programs/src/periodStats.ts';
import { PROGRAMS_DIR } from '../subgraphs/programs/src/server.ts';
import { backlogOfPeriods } from '../subgraphs/programs/src/verificationBacklog/backlogOfPeriods.ts';

const RUNS = 11;
const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
const work = await mkdtemp(path.join(tmpdir(), 'sahem-bench-analyst-'));
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
    const months = periodRange('2025-01', '2026-10');
    const national = months.map((period) => ({ code: NATIONAL, period }));
    const year = parsePeriod('2026');
    const top = await rankPrograms(db.prisma, {
      period: year,
      orderBy: 'VERIFIED_HOURS',
      first: 10,
      agencyCode: null,
      regionCode: null,
      today,
      held: agencies,
    });
    const questions: [string, () => Promise<unknown>][] = [
      [
        'nationalTrend 2025-01..2026-10: figures, one statement',
        () => figuresOfPeriods(db.prisma, 'national', national, today, agencies),
      ],
      [
        '  the same, one statement per period (22, in parallel)',
        () =>
          Promise.all(
            national.map((key) => figuresOfPeriods(db.prisma, 'national', [key], today, agencies)),
          ),
      ],
      [
        'nationalTrend 2025-01..2026-10: hours by skill',
        () => hoursBySkillOfPeriods(db.prisma, 'national', national, agencies),
      ],
      [
        'nationalTrend 2025-01..2026-10: sketches',
        () => sketchesOfPeriods(db.prisma, 'national', national, agencies, 'bench-key'),
      ],
      [
        'regionTrend SA-01 2025-Q1..2026-Q4: figures',
        () =>
          figuresOfPeriods(
            db.prisma,
            'regionCode',
            periodRange('2025-Q1', '2026-Q4').map((period) => ({ code: 'SA-01', period })),
            today,
            agencies,
          ),
      ],
      [
        'programRanking 2026 by hours, first 10 (nation)',
        () =>
          rankPrograms(db.prisma, {
            period: year,
            orderBy: 'VERIFIED_HOURS',
            first: 10,
            agencyCode: null,
            regionCode: null,
            today,
            held: agencies,
          }),
      ],
      [
        'programRanking 2026-Q3 by beneficiaries, SA-01, first 100',
        () =>
          rankPrograms(db.prisma, {
            period: parsePeriod('2026-Q3'),
            orderBy: 'BENEFICIARIES',
            first: 100,
            agencyCode: null,
            regionCode: 'SA-01',
            today,
            held: agencies,
          }),
      ],
      [
        '  its rows: figures of 10 programs in 2026',
        () =>
          figuresOfPeriods(
            db.prisma,
            'programId',
            top.map((row) => ({ code: row.programId, period: year })),
            today,
            agencies,
          ),
      ],
      [
        'verificationBacklog of the held agencies, 2026-Q3',
        () =>
          backlogOfPeriods(
            db.prisma,
            'agencyCode',
            agencies.map((code) => ({ code, period: parsePeriod('2026-Q3') })),
            agencies,
          ),
      ],
      [
        'verificationBacklog, agencyTrend 2026-01..2026-10',
        () =>
          backlogOfPeriods(
            db.prisma,
            'agencyCode',
            periodRange('2026-01', '2026-10').map((period) => ({ code: agencies[0]!, period })),
            agencies,
          ),
      ],
    ];
    console.log(
      `\n${label}, scale ${scale}: ${JSON.stringify(seeded.rows)} (${REGIONS.size} regions)`,
    );
    console.log('| question (SQL of one instance) | ms, p50 / p95 |');
    console.log('|---|---|');
    for (const [question, run] of questions) console.log(`| ${question} | ${await time(run)} |`);
    await db.close();
  }
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
