// `npm run bench:analyst -- [--scale N] [--gateway [--requests N]]`. With `--gateway`: the
// latency of each question end to end through Sahem's gateway on one store per agency, one
// request at a time (`bench/analyst/measureAnalystLatency.ts`). Without: what they cost a
// programs instance per request, at seed scale N, in SQL (the statements each question sends):
// a 22-month national trend (figures, hours by skill, sketches; one statement each for every
// period, next to one statement per period as before), league tables, programs' figures and the
// verification backlog, on the single store and on one agency's instance, on a throw-away
// embedded PostgreSQL (`bench/sql/onSeededProgramsStores.ts`).
import { parseArgs } from 'node:util';
import { parsePeriod, periodRange, REGIONS } from '@sahem/kit';
import { measureAnalystLatency } from './analyst/measureAnalystLatency.ts';
import { onSeededProgramsStores, timed } from './sql/onSeededProgramsStores.ts';
import { sketchesOfPeriods } from '../subgraphs/programs/src/distinctSketchSql.ts';
import { rankPrograms } from '../subgraphs/programs/src/leagueTables/rankPrograms.ts';
import {
  figuresOfPeriods,
  hoursBySkillOfPeriods,
  NATIONAL,
} from '../subgraphs/programs/src/periodStats.ts';
import { backlogOfPeriods } from '../subgraphs/programs/src/verificationBacklog/backlogOfPeriods.ts';

const RUNS = 11;
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    gateway: { type: 'boolean', default: false },
    requests: { type: 'string', default: '50' },
  },
});
const scale = Number(values.scale);

if (values.gateway) {
  const began = performance.now();
  const rows = await measureAnalystLatency({
    scale,
    requests: Number(values.requests),
    log: (line) =>
      process.stderr.write(`bench ${((performance.now() - began) / 1000).toFixed(1)} s: ${line}\n`),
  });
  const ms = (value: number) => value.toFixed(1);
  console.log(`\nSahem's gateway, one store per agency, scale ${scale}, one request at a time`);
  console.log('| question (operation) | n | ms, p50 / p95 |');
  console.log('|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.title} (\`${row.operation}\`) | ${row.requests} | ${ms(row.latencyMs.p50)} / ${ms(row.latencyMs.p95)} |`,
    );
  }
  process.exit(0);
}
const today = new Date('2026-11-30T00:00:00Z');
const time = (work: () => Promise<unknown>) => timed(RUNS, work);

await onSeededProgramsStores(scale, async ({ label, agencies, db, rows }) => {
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
  console.log(`\n${label}, scale ${scale}: ${JSON.stringify(rows)} (${REGIONS.size} regions)`);
  console.log('| question (SQL of one instance) | ms, p50 / p95 |');
  console.log('|---|---|');
  for (const [question, run] of questions) console.log(`| ${question} | ${await time(run)} |`);
});
