import { parsePeriod } from '@sahem/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { sketchesOfPeriods } from '../src/distinctSketchSql.ts';
import { sketchesFromRollups } from '../src/periodRollupSketches.ts';
import { createPeriodSketchCache } from '../src/periodSketchCache.ts';
import { aParticipation, aProgram, anHourLog, aVolunteerId } from './fixtures.ts';
import { TEST_AGENCY_CODES, useProgramsSubgraph } from './programsSubgraph.ts';

// The sketches read from the rollups' members must be those of the month rows (the reference,
// itself tested against the kit's hashing), and the instance's cache must give them back only
// while the members are unchanged.
const subgraph = useProgramsSubgraph();
const KEY = 'rollup-sketch-test-key';
const REGIONS = ['SA-01', 'SA-02', 'SA-03'];
const PERIODS = ['2026-02', '2026-03', '2026-Q1', '2026-Q2', '2026', '2025'];

const keysOf = (codes: readonly string[]) =>
  PERIODS.flatMap((period) => codes.map((code) => ({ code, period: parsePeriod(period) })));

beforeAll(async () => {
  const programs = [
    await aProgram(subgraph, { agencyCode: 'T31', regionCode: 'SA-01' }),
    await aProgram(subgraph, { agencyCode: 'T32', regionCode: 'SA-01' }),
    await aProgram(subgraph, { agencyCode: 'T32', regionCode: 'SA-02' }),
  ];
  for (let i = 0; i < 40; i++) {
    const volunteerId = `V-77${String(i % 20).padStart(5, '0')}`;
    const participation = await aParticipation(subgraph, programs[i % 3]!, {
      volunteerId,
      status: 'ACTIVE',
      role: i % 6 === 0 ? 'TEAM_LEAD' : 'MEMBER',
    });
    for (const date of ['2026-02-10', i % 2 ? '2026-03-05' : '2026-04-20']) {
      await anHourLog(subgraph, participation, { date, verified: i % 5 !== 4 });
    }
  }
});

/** Statements `read` sends, and what it returned. */
async function counted<T>(read: () => Promise<T>): Promise<[T, number]> {
  const before = subgraph.db.statements.total;
  const result = await read();
  return [result, subgraph.db.statements.total - before];
}

describe('sketches from the rollups', () => {
  for (const [dimension, codes] of [
    ['regionCode', REGIONS],
    ['national', ['SA']],
  ] as const) {
    it(`equal the month rows' for ${dimension}, and come from the cache while members stand`, async () => {
      const db = subgraph.db.prisma;
      const cache = createPeriodSketchCache();
      const keys = keysOf(codes);
      const reference = await sketchesOfPeriods(db, dimension, keys, TEST_AGENCY_CODES, KEY);
      const [cold, coldStatements] = await counted(() =>
        sketchesFromRollups(db, dimension, keys, TEST_AGENCY_CODES, KEY, cache),
      );
      expect(cold).toEqual(reference);
      expect(coldStatements).toBe(2);
      const [warm, warmStatements] = await counted(() =>
        sketchesFromRollups(db, dimension, keys, TEST_AGENCY_CODES, KEY, cache),
      );
      expect(warm).toEqual(reference);
      expect(warmStatements).toBe(1);
    });
  }

  it('are hashed again only for the periods whose members or team leads changed', async () => {
    const db = subgraph.db.prisma;
    const cache = createPeriodSketchCache();
    const keys = keysOf(['SA']);
    const read = () => sketchesFromRollups(db, 'national', keys, TEST_AGENCY_CODES, KEY, cache);
    await read();

    // More hours for someone already active in June changes nobody's membership.
    const program = await aProgram(subgraph, { agencyCode: 'T33', regionCode: 'SA-03' });
    const regular = await aParticipation(subgraph, program, {
      volunteerId: 'V-7700001',
      status: 'ACTIVE',
    });
    await anHourLog(subgraph, regular, { date: '2026-02-11', verified: true });
    const [same, sameStatements] = await counted(read);
    expect(sameStatements).toBe(1);
    expect(same).toEqual(await sketchesOfPeriods(db, 'national', keys, TEST_AGENCY_CODES, KEY));

    // A newcomer in May (Q2 and 2026 change; February's and 2025's stand) and a lead in March.
    const newcomer = await aParticipation(subgraph, program, {
      volunteerId: aVolunteerId(),
      status: 'ACTIVE',
    });
    await anHourLog(subgraph, newcomer, { date: '2026-05-02', verified: true });
    const lead = await aParticipation(subgraph, program, {
      volunteerId: 'V-7700002',
      status: 'ACTIVE',
      role: 'TEAM_LEAD',
    });
    await anHourLog(subgraph, lead, { date: '2026-03-09', verified: true });
    const [changed, changedStatements] = await counted(read);
    expect(changedStatements).toBe(2);
    const reference = await sketchesOfPeriods(db, 'national', keys, TEST_AGENCY_CODES, KEY);
    expect(changed).toEqual(reference);
    expect(changed!.get('SA 2026-Q2')!.activeVolunteersSketch).not.toBe(
      same!.get('SA 2026-Q2')!.activeVolunteersSketch,
    );
    expect(changed!.get('SA 2026-03')!.activeTeamLeadsSketch).not.toBe(
      same!.get('SA 2026-03')!.activeTeamLeadsSketch,
    );
  });

  it('read the month rows instead when the store holds an agency the instance does not', async () => {
    const db = subgraph.db.prisma;
    const held = TEST_AGENCY_CODES.filter((code) => code !== 'T32');
    const keys = keysOf(REGIONS);
    expect(
      await sketchesFromRollups(db, 'regionCode', keys, held, KEY, createPeriodSketchCache()),
    ).toBeUndefined();
  });
});
