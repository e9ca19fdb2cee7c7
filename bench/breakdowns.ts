// `npm run bench:breakdowns -- [--scale N]`: what a breakdown costs a programs instance in SQL at
// seed scale N — one statement per kind of breakdown, whatever its codes and periods — on the
// single store (final cells, no sketches) and on one agency's instance (a sketch per cell, for
// the gateway to merge), on a throw-away embedded PostgreSQL (`bench/sql/onSeededProgramsStores.ts`).
// The register's cells are written first, as the cell sync would: nine participants in ten.
import { parseArgs } from 'node:util';
import { parsePeriod, periodRange, REGIONS } from '@sahem/kit';
import { onSeededProgramsStores, timed } from './sql/onSeededProgramsStores.ts';
import {
  breakdownCells,
  type BreakdownDimension,
} from '../subgraphs/programs/src/breakdowns/breakdownCells.ts';
import { NATIONAL } from '../subgraphs/programs/src/periodStats.ts';

const RUNS = 11;
const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
const scale = Number(values.scale);
// "Today" of the seeded data, as `bench:analyst` takes it: programs have run up to it.
const today = new Date('2026-11-30T00:00:00Z');

await onSeededProgramsStores(scale, async ({ label, agencies, db, rows }) => {
  // Gender and a birth year from 1950 to 2009 picked by the id's hash; every tenth left out.
  const cells = await db.prisma.$executeRaw`
    INSERT INTO "ParticipantCell" ("volunteerId", "gender", "birthYear", "syncedAt")
    SELECT id,
           (CASE WHEN h % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END)::"ParticipantGender",
           1950 + h % 60, now()
      FROM (SELECT DISTINCT "volunteerId" AS id, abs(hashtext("volunteerId")) AS h
              FROM "Participation") v
     WHERE h % 10 <> 0
    ON CONFLICT DO NOTHING`;
  const whole = agencies.length > 1;
  const year = parsePeriod('2026');
  const run = (
    scope: 'national' | 'regionCode' | 'agencyCode',
    codes: readonly string[],
    periods: readonly string[],
    by: BreakdownDimension[],
  ) =>
    breakdownCells(
      db.prisma,
      codes.flatMap((code) =>
        periods.map((period) => ({ scope, code, period: parsePeriod(period), by })),
      ),
      agencies,
      'bench-key',
      !whole,
      today,
    );
  const questions: [string, () => Promise<Map<string, unknown[]>>][] = [
    [
      'nation 2026 by AGENCY × REGION',
      () => run('national', [NATIONAL], ['2026'], ['AGENCY', 'REGION']),
    ],
    ['nation 2026 by KIND', () => run('national', [NATIONAL], ['2026'], ['KIND'])],
    ['nation 2026 by SKILL', () => run('national', [NATIONAL], ['2026'], ['SKILL'])],
    [
      'nation 2026 by GENDER × AGE_BAND',
      () => run('national', [NATIONAL], ['2026'], ['GENDER', 'AGE_BAND']),
    ],
    [
      '13 regions 2026 by GENDER',
      () => run('regionCode', [...REGIONS.keys()], ['2026'], ['GENDER']),
    ],
    [
      'held agencies 2026 by SKILL × AGE_BAND',
      () => run('agencyCode', agencies, ['2026'], ['SKILL', 'AGE_BAND']),
    ],
    [
      'nation 2025-01..2026-10 by KIND (22 periods, one statement)',
      () =>
        run(
          'national',
          [NATIONAL],
          periodRange('2025-01', '2026-10').map((period) => period.key),
          ['KIND'],
        ),
    ],
  ];
  console.log(
    `\n${label}, scale ${scale}: ${JSON.stringify(rows)}, ${cells} register cells, sketches ${whole ? 'no' : 'yes'} (${year.key})`,
  );
  console.log('| breakdown (SQL of one instance) | cells | ms, p50 / p95 |');
  console.log('|---|---|---|');
  for (const [question, work] of questions) {
    const found = [...(await work()).values()].reduce((sum, list) => sum + list.length, 0);
    console.log(`| ${question} | ${found} | ${await timed(RUNS, work)} |`);
  }
});
