import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeSketch,
  estimateDistinct,
  estimateIntersection,
  parsePeriod,
  previousPeriod,
  REGIONS,
  SKETCH_RELATIVE_ERROR,
  sketchOf,
  sketchRegisterOf,
} from '@sahem/kit';
import { callers, refuseHttpCallers, runOperation } from '@sahem/kit/testing';
import { seedPrograms } from '../../../scripts/seed/seedPrograms.ts';
import { sketchRegistersInSql } from '../src/distinctSketchSql.ts';
import { createServer } from '../src/server.ts';
import { NOW, testInstance, useProgramsSubgraph } from './programsSubgraph.ts';

const KEY = 'sketch-test-key';
const subgraph = useProgramsSubgraph({ sketchKey: KEY });

beforeAll(async () => {
  // 1,000 volunteers of the deterministic seed, every agency in this one store.
  await seedPrograms(subgraph.db, { scale: 0.2, seed: 11 });
}, 120_000);

const FIGURES = /* GraphQL */ `
  activeVolunteers retainedVolunteers activeTeamLeads
  activeVolunteersSketch previousActiveVolunteersSketch activeTeamLeadsSketch
`;

/** The exact sets the sketches stand for, by region, listed here with a query of their own. */
async function exactSets(period: string, agencies?: readonly string[]) {
  const current = parsePeriod(period);
  const previous = previousPeriod(current);
  const { rows } = await subgraph.db.pool.query<{
    region: string;
    volunteer: string;
    active: boolean;
    previous: boolean;
    lead: boolean;
  }>(
    `SELECT p."regionCode" AS region, pa."volunteerId" AS volunteer,
            bool_or(h.date >= $2) AS active, bool_or(h.date < $2) AS previous,
            bool_or(h.date >= $2 AND pa.role = 'TEAM_LEAD') AS lead
       FROM "HourLog" h JOIN "Participation" pa ON pa.id = h."participationId"
       JOIN "Program" p ON p.id = pa."programId"
      WHERE h.verified AND h.date >= $1 AND h.date < $3
        AND ($4::text[] IS NULL OR p."agencyCode" = ANY($4))
      GROUP BY 1, 2`,
    [previous.start, current.start, current.end, agencies ?? null],
  );
  const sets = (keep: (row: (typeof rows)[number]) => boolean, region?: string) => [
    ...new Set(
      rows.filter((row) => keep(row) && (!region || row.region === region)).map((r) => r.volunteer),
    ),
  ];
  return (region?: string) => ({
    active: sets((row) => row.active, region),
    previous: sets((row) => row.previous, region),
    lead: sets((row) => row.lead, region),
  });
}

/** Three standard errors, and one member of slack for the smallest sets. */
const bound = (count: number) => Math.max(1, Math.ceil(3 * SKETCH_RELATIVE_ERROR * count));

describe('the sketch SQL', () => {
  it('hashes every member to the register the kit computes in JavaScript, row for row', async () => {
    const members = [
      ...Array.from({ length: 3_000 }, (_, i) => `V-${String(i).padStart(7, '0')}`),
      'نورة الحربي',
      '',
      'x'.repeat(500),
      'e\u0301',
    ];
    const rows = await sketchRegistersInSql(subgraph.db.prisma, KEY, members);
    expect(rows).toEqual(members.map((member) => ({ member, ...sketchRegisterOf(member, KEY) })));
    // Ranks above 10 are rare: among 3,000 members some, so the rank arithmetic is exercised.
    expect(Math.max(...rows.map((row) => row.rank))).toBeGreaterThan(8);
  });

  it.each(['2026', '2026-Q1', '2025-07'])(
    'gives, for %s, the sketches of exactly the sets the counts count, region by region and nationally',
    async (period) => {
      const result = await subgraph.run(
        `query ($period: String!) {
          nationalPeriod(period: $period) { ${FIGURES} }
          regionPeriods(period: $period) { regionCode ${FIGURES} }
        }`,
        { period },
      );
      expect(result.errors).toBeUndefined();
      const exact = await exactSets(period);
      const scopes = [
        { figures: result.data!.nationalPeriod, sets: exact() },
        ...result.data!.regionPeriods.map((figures: { regionCode: string }) => ({
          figures,
          sets: exact(figures.regionCode),
        })),
      ];
      expect(scopes).toHaveLength(1 + REGIONS.size);
      for (const { figures, sets } of scopes) {
        expect(decodeSketch(figures.activeVolunteersSketch)).toEqual(sketchOf(sets.active, KEY));
        expect(decodeSketch(figures.previousActiveVolunteersSketch)).toEqual(
          sketchOf(sets.previous, KEY),
        );
        expect(decodeSketch(figures.activeTeamLeadsSketch)).toEqual(sketchOf(sets.lead, KEY));
        expect(figures.activeVolunteers).toBe(sets.active.length);
        expect(figures.activeTeamLeads).toBe(sets.lead.length);
      }
      // The seed has people active in the period, so the comparisons above were not of empties.
      expect(scopes[0]!.sets.active.length).toBeGreaterThan(20);
    },
  );

  it('estimates every distinct count from its sketch within the stated bound', async () => {
    const result = await subgraph.run(
      `{ nationalPeriod(period: "2026") { ${FIGURES} } regionPeriods(period: "2026-Q2") { ${FIGURES} } }`,
    );
    expect(result.errors).toBeUndefined();
    // The largest error of each estimate on the seed, as a fraction of the exact count: reported.
    const worst = { active: 0, leads: 0, retained: 0 };
    const note = (name: keyof typeof worst, estimate: number, exact: number) => {
      if (exact > 0) worst[name] = Math.max(worst[name], Math.abs(estimate - exact) / exact);
    };
    for (const figures of [result.data!.nationalPeriod, ...result.data!.regionPeriods]) {
      const active = decodeSketch(figures.activeVolunteersSketch);
      const previous = decodeSketch(figures.previousActiveVolunteersSketch);
      const leads = decodeSketch(figures.activeTeamLeadsSketch);
      note('active', estimateDistinct(active), figures.activeVolunteers);
      note('leads', estimateDistinct(leads), figures.activeTeamLeads);
      note('retained', estimateIntersection(active, previous), figures.retainedVolunteers);
      expect(Math.abs(estimateDistinct(active) - figures.activeVolunteers)).toBeLessThanOrEqual(
        bound(figures.activeVolunteers),
      );
      expect(Math.abs(estimateDistinct(leads) - figures.activeTeamLeads)).toBeLessThanOrEqual(
        bound(figures.activeTeamLeads),
      );
      // Retained = active ∩ previous, estimated by inclusion–exclusion: its error is that of
      // the union, the largest of the three sets.
      const union = estimateDistinct(active) + estimateDistinct(previous);
      expect(
        Math.abs(estimateIntersection(active, previous) - figures.retainedVolunteers),
      ).toBeLessThanOrEqual(bound(union));
    }
    console.info(
      `sketch estimates on the seed, largest error: active ${(worst.active * 100).toFixed(2)} %, team leads ${(worst.leads * 100).toFixed(2)} %, retained ${(worst.retained * 100).toFixed(2)} %`,
    );
  });

  it("sketches only the held agencies' volunteers on an agency's instance", async () => {
    const server = createServer({
      db: subgraph.db,
      authenticate: refuseHttpCallers,
      production: false,
      now: () => new Date(NOW),
      instance: testInstance(['SRCA']),
      sketchKey: KEY,
    });
    await server.apollo.start();
    try {
      const result = await runOperation(
        server.apollo,
        { query: `{ nationalPeriod(period: "2026") { activeVolunteers activeVolunteersSketch } }` },
        await server.context(undefined, callers.analyst),
      );
      expect(result.errors).toBeUndefined();
      const sets = (await exactSets('2026', ['SRCA']))();
      const { activeVolunteers, activeVolunteersSketch } = result.data!.nationalPeriod;
      expect(activeVolunteers).toBe(sets.active.length);
      expect(decodeSketch(activeVolunteersSketch)).toEqual(sketchOf(sets.active, KEY));
      expect(sets.active.length).toBeLessThan((await exactSets('2026'))().active.length);
    } finally {
      await server.apollo.stop();
    }
  });

  it('gives an empty sketch where nobody was active, and depends on the key', async () => {
    const result = await subgraph.run(
      `{ empty: nationalPeriod(period: "2019") { activeVolunteersSketch }
         year: nationalPeriod(period: "2026") { activeVolunteersSketch } }`,
    );
    expect(result.data!.empty.activeVolunteersSketch).toBe('hll1:');
    const sets = (await exactSets('2026'))();
    expect(decodeSketch(result.data!.year.activeVolunteersSketch)).not.toEqual(
      sketchOf(sets.active, 'another key'),
    );
  });
});
