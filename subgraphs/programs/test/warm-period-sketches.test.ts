import { parsePeriod, queryRows } from '@sahem/kit';
import { Prisma } from '../src/__generated__/prisma/client.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { sketchesOfPeriods } from '../src/distinctSketchSql.ts';
import { sketchesFromRollups } from '../src/periodRollupSketches.ts';
import { createPeriodSketchCache } from '../src/periodSketchCache.ts';
import { programsSubgraph } from '../src/server.ts';
import { warmPeriodSketches } from '../src/warmPeriodSketches.ts';
import { aParticipation, aProgram, anHourLog } from './fixtures.ts';
import { TEST_AGENCY_CODES, testInstance, useProgramsSubgraph } from './programsSubgraph.ts';

// The warm-up at start must leave the cache holding exactly what a request would have computed,
// for every period the rollups hold, so that the first request of any of them hashes nothing.
const subgraph = useProgramsSubgraph();
const KEY = 'warm-up-test-key';
const REGIONS = ['SA-01', 'SA-02'];
const PERIODS = ['2026-02', '2026-03', '2026-04', '2026-Q1', '2026-Q2', '2026'];
const never = new AbortController().signal;

beforeAll(async () => {
  const programs = [
    await aProgram(subgraph, { agencyCode: 'T41', regionCode: 'SA-01' }),
    await aProgram(subgraph, { agencyCode: 'T42', regionCode: 'SA-02' }),
  ];
  for (let i = 0; i < 30; i++) {
    const participation = await aParticipation(subgraph, programs[i % 2]!, {
      volunteerId: `V-78${String(i % 15).padStart(5, '0')}`,
      status: 'ACTIVE',
      role: i % 4 === 0 ? 'TEAM_LEAD' : 'MEMBER',
    });
    for (const date of ['2026-02-11', i % 3 ? '2026-03-07' : '2026-04-21']) {
      await anHourLog(subgraph, participation, { date, verified: true });
    }
  }
});

const nationalPeriods = async () =>
  Number(
    (
      await queryRows<{ n: number }>(
        subgraph.db.prisma,
        Prisma.sql`SELECT count(*)::int AS n FROM "PeriodTotal" WHERE "scope" = 'national'`,
      )
    )[0]!.n,
  );

describe('warming the period sketches', () => {
  it('caches every period of the nation and the regions, as a request would compute them', async () => {
    const db = subgraph.db.prisma;
    const cache = createPeriodSketchCache();
    const warmUp = await warmPeriodSketches(db, TEST_AGENCY_CODES, KEY, cache, never);
    expect(warmUp.stoppedBecause).toBeUndefined();
    expect(warmUp.periods).toBe(await nationalPeriods());
    expect(warmUp.periods).toBeGreaterThanOrEqual(PERIODS.length);

    for (const [dimension, codes] of [
      ['national', ['SA']],
      ['regionCode', REGIONS],
    ] as const) {
      const keys = PERIODS.flatMap((period) =>
        codes.map((code) => ({ code, period: parsePeriod(period) })),
      );
      const before = subgraph.db.statements.total;
      const warm = await sketchesFromRollups(db, dimension, keys, TEST_AGENCY_CODES, KEY, cache);
      // The versions only: nothing was left to hash.
      expect(subgraph.db.statements.total - before).toBe(1);
      expect(warm).toEqual(await sketchesOfPeriods(db, dimension, keys, TEST_AGENCY_CODES, KEY));
    }
  });

  it('stops before the next statement once the instance stops', async () => {
    const cache = createPeriodSketchCache();
    const stopped = new AbortController();
    stopped.abort();
    const warmUp = await warmPeriodSketches(
      subgraph.db.prisma,
      TEST_AGENCY_CODES,
      KEY,
      cache,
      stopped.signal,
    );
    expect(warmUp).toMatchObject({ periods: 0, stoppedBecause: 'the instance stopped' });
    expect(cache.size).toBe(0);
  });

  it('stops once the cache is three quarters full, before it would evict what it warmed', async () => {
    const all = createPeriodSketchCache();
    await warmPeriodSketches(subgraph.db.prisma, TEST_AGENCY_CODES, KEY, all, never);
    // Room for half of this fixture's sketches: the first batch fills three quarters of it.
    const cache = createPeriodSketchCache(Math.ceil(all.calculatedSize / 2));
    const warmUp = await warmPeriodSketches(
      subgraph.db.prisma,
      TEST_AGENCY_CODES,
      KEY,
      cache,
      never,
    );
    expect(warmUp.stoppedBecause).toBe('the cache is full');
    expect(warmUp.periods).toBeLessThan(await nationalPeriods());
    expect(warmUp.periods).toBeGreaterThan(0);
    expect(cache.calculatedSize).toBeLessThanOrEqual(cache.maxSize);
  });

  it('is what the subgraph runs once it serves, logged in one line', async () => {
    const definition = programsSubgraph({
      authenticate: async () => undefined as never,
      instance: testInstance(),
      sketchKey: KEY,
    });
    const line = await definition.warm!(subgraph.db, never);
    expect(line).toMatch(
      /^programs \S+: period sketches warmed: \d+ periods, \d+ cells in \d+ ms$/,
    );
    expect(
      programsSubgraph({ authenticate: async () => undefined as never, warmSketches: false }).warm,
    ).toBeUndefined();
  });
});
