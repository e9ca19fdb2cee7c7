import { parsePeriod } from '@sahem/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { figuresFromRollups } from '../src/periodRollups.ts';
import { figuresOfPeriods, type Dimension } from '../src/periodStats.ts';
import { createProgramsRunCache } from '../src/programsRunCache.ts';
import { aParticipation, aProgram, anHourLog } from './fixtures.ts';
import { TEST_AGENCY_CODES, useProgramsSubgraph } from './programsSubgraph.ts';

// Figures from the rollups must be those of the month rows (the reference the property test
// checks against raw rows), and programs run and beneficiaries must be computed again
// whenever a program changes or the day does.
const subgraph = useProgramsSubgraph();
const TODAY = new Date('2026-06-15T00:00:00Z');
const PERIODS = ['2026-02', '2026-03', '2026-Q1', '2026-Q2', '2026', '2025'];
const SCOPES: [Dimension, string[]][] = [
  ['agencyCode', ['T41', 'T42']],
  ['regionCode', ['SA-01', 'SA-02', 'SA-03']],
  ['national', ['SA']],
];
const keysOf = (codes: readonly string[]) =>
  PERIODS.flatMap((period) => codes.map((code) => ({ code, period: parsePeriod(period) })));
let program: { id: string };

beforeAll(async () => {
  const programs = [
    await aProgram(subgraph, { agencyCode: 'T41', regionCode: 'SA-01', beneficiariesServed: 90 }),
    await aProgram(subgraph, {
      agencyCode: 'T42',
      regionCode: 'SA-01',
      startDate: '2026-02-01',
      endDate: '2026-04-30',
      beneficiariesServed: 45,
    }),
    await aProgram(subgraph, { agencyCode: 'T42', regionCode: 'SA-02', beneficiariesServed: 7 }),
  ];
  program = programs[1]!;
  for (let i = 0; i < 30; i++) {
    const participation = await aParticipation(subgraph, programs[i % 3]!, {
      volunteerId: `V-66${String(i % 10).padStart(5, '0')}`,
      status: 'ACTIVE',
      role: i % 5 === 0 ? 'TEAM_LEAD' : 'MEMBER',
    });
    for (const date of ['2026-02-10', i % 2 ? '2026-03-05' : '2026-04-20']) {
      await anHourLog(subgraph, participation, { date, verified: i % 4 !== 3, hours: 1 + (i % 3) });
    }
  }
});

async function counted<T>(read: () => Promise<T>): Promise<[T, number]> {
  const before = subgraph.db.statements.total;
  const result = await read();
  return [result, subgraph.db.statements.total - before];
}

describe('period figures from the rollups', () => {
  for (const [dimension, codes] of SCOPES) {
    it(`equal the month rows' for ${dimension}, programs run kept while programs stand`, async () => {
      const db = subgraph.db.prisma;
      const runs = createProgramsRunCache();
      const keys = keysOf(codes);
      const reference = await figuresOfPeriods(db, dimension, keys, TODAY, TEST_AGENCY_CODES);
      const read = () => figuresFromRollups(db, dimension, keys, TODAY, TEST_AGENCY_CODES, runs);
      const [cold, coldStatements] = await counted(read);
      expect(cold).toEqual(reference);
      expect(coldStatements).toBe(2);
      const [warm, warmStatements] = await counted(read);
      expect(warm).toEqual(reference);
      expect(warmStatements).toBe(1);
    });
  }

  it('computes programs run again when a program changes, or the day', async () => {
    const db = subgraph.db.prisma;
    const runs = createProgramsRunCache();
    const keys = keysOf(['SA-01']);
    const read = (today: Date) =>
      figuresFromRollups(db, 'regionCode', keys, today, TEST_AGENCY_CODES, runs);
    const before = await read(TODAY);
    await subgraph.db.prisma.program.update({
      where: { id: program.id },
      data: { beneficiariesServed: 450 },
    });
    const [after, statements] = await counted(() => read(TODAY));
    expect(statements).toBe(2);
    expect(after).toEqual(await figuresOfPeriods(db, 'regionCode', keys, TODAY, TEST_AGENCY_CODES));
    expect(after!.get('SA-01 2026-Q1')!.beneficiaries).toBeGreaterThan(
      before!.get('SA-01 2026-Q1')!.beneficiaries,
    );

    const tomorrow = new Date('2026-06-16T00:00:00Z');
    const [nextDay, nextDayStatements] = await counted(() => read(tomorrow));
    expect(nextDayStatements).toBe(2);
    expect(nextDay).toEqual(
      await figuresOfPeriods(db, 'regionCode', keys, tomorrow, TEST_AGENCY_CODES),
    );
  });

  it('reads the month rows instead when the store holds an agency the instance does not', async () => {
    const held = TEST_AGENCY_CODES.filter((code) => code !== 'T42');
    const keys = keysOf(['SA-01']);
    const db = subgraph.db.prisma;
    expect(
      await figuresFromRollups(db, 'regionCode', keys, TODAY, held, createProgramsRunCache()),
    ).toBeUndefined();
    // An agency's own rollups stay usable: they count that agency's programs only.
    expect(
      await figuresFromRollups(
        db,
        'agencyCode',
        keysOf(['T41']),
        TODAY,
        held,
        createProgramsRunCache(),
      ),
    ).toEqual(await figuresOfPeriods(db, 'agencyCode', keysOf(['T41']), TODAY, held));
  });
});
