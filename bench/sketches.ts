// `npm run bench:sketches -- [--scale N]`: what the distinct-count sketches cost a programs
// instance per request, at seed scale N, next to the figures statement they accompany: the
// national sketches and the 13 regions' (one statement each), for a year, a quarter and a month,
// on the single store and on one agency's instance. A throw-away embedded PostgreSQL in a temp
// folder, on a free port (`bench/sql/onSeededProgramsStores.ts`); stopped and deleted at the end.
import { parseArgs } from 'node:util';
import { decodeSketch, parsePeriod, REGIONS } from '@sahem/kit';
import { onSeededProgramsStores, timed } from './sql/onSeededProgramsStores.ts';
import { periodSketches } from '../subgraphs/programs/src/distinctSketchSql.ts';
import { NATIONAL, periodFigures } from '../subgraphs/programs/src/periodStats.ts';

const RUNS = 15;
const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
const today = new Date('2026-11-30T00:00:00Z');
const time = (work: () => Promise<unknown>) => timed(RUNS, work);

await onSeededProgramsStores(scale, async ({ label, agencies, db, rows }) => {
  const regions = [...REGIONS.keys()];
  console.log(`\n${label}, scale ${scale}: ${JSON.stringify(rows)}`);
  console.log('| period | statement | ms, p50 / p95 | registers returned |');
  console.log('|---|---|---|---|');
  for (const key of ['2026', '2026-Q3', '2026-07']) {
    const period = parsePeriod(key);
    const national = await periodSketches(db.prisma, 'national', [NATIONAL], period, agencies, 'k');
    const registers = (sketch: string) => decodeSketch(sketch).filter((rank) => rank > 0).length;
    const nationalRegisters = Object.values(national.get(NATIONAL)!).map(registers);
    const byRegion = await periodSketches(db.prisma, 'regionCode', regions, period, agencies, 'k');
    const regionRegisters = [...byRegion.values()].flatMap((s) => Object.values(s).map(registers));
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
});
