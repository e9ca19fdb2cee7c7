import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSketch } from '@sahem/kit';
import { aParticipation, aProgram, anHourLog, aVolunteerId } from './fixtures.ts';
import { useProgramsSubgraph } from './programsSubgraph.ts';

// Civil Defense's own instance (not every agency): its national cells leave whole, with a sketch
// each, for the gateway to merge and suppress; its agency's cells are final and suppressed here.
const subgraph = useProgramsSubgraph({ agencies: ['SCD'] });

// Birth years around every band boundary in 2026 (age = 2026 − birth year), and one participant
// without a register cell. Each volunteer logs two verified hours in 2025 and in 2026.
const BIRTH_YEARS = [2012, 2011, 2002, 2001, 1962, 1961, null];

beforeAll(async () => {
  const program = await aProgram(subgraph, { agencyCode: 'SCD', regionCode: 'SA-01' });
  // Running in Jeddah since 1 January without counted hours: 166 beneficiaries in 166 days.
  await aProgram(subgraph, { agencyCode: 'SCD', regionCode: 'SA-02', beneficiariesServed: 166 });
  for (const birthYear of BIRTH_YEARS) {
    const volunteerId = aVolunteerId();
    const participation = await aParticipation(subgraph, program, {
      volunteerId,
      status: 'ACTIVE',
    });
    for (const date of ['2025-02-10', '2026-02-10']) {
      await anHourLog(subgraph, participation, { date, hours: 2, verified: true });
    }
    if (birthYear !== null) {
      await subgraph.db.prisma.participantCell.create({
        data: { volunteerId, gender: 'FEMALE', birthYear, syncedAt: new Date('2026-06-01') },
      });
    }
  }
});

const NATIONAL = /* GraphQL */ `
  query National($period: String!) {
    nationalPeriod(period: $period) {
      breakdown(by: [AGE_BAND]) {
        ageBand
        gender
        activeVolunteers
        verifiedHours
        suppressed
        key
        activeVolunteersSketch
      }
    }
  }
`;

describe('breakdown cells in one instance', () => {
  it.each([
    // 14 | 15, 24 | 25 | 64 | 65 | no cell
    ['2026', { UNDER_15: 1, AGE_15_24: 2, AGE_25_34: 1, AGE_55_64: 1, AGE_65_PLUS: 1, UNKNOWN: 1 }],
    // A year earlier every age is one less: 13, 14 | 23, 24 | 63, 64 | no cell
    ['2025-Q1', { UNDER_15: 2, AGE_15_24: 2, AGE_55_64: 2, UNKNOWN: 1 }],
  ])('age bands by age on the first day of %s', async (period, bands) => {
    const result = await subgraph.run(NATIONAL, { period });
    expect(result.errors).toBeUndefined();
    const cells = (
      result.data!.nationalPeriod as {
        breakdown: {
          ageBand: string;
          activeVolunteers: number;
          verifiedHours: number;
          suppressed: boolean;
          key: string;
          activeVolunteersSketch: string;
          gender: string | null;
        }[];
      }
    ).breakdown;
    expect(
      cells.map(({ ageBand, activeVolunteers, verifiedHours, suppressed, key, gender }) => ({
        ageBand,
        activeVolunteers,
        verifiedHours,
        suppressed,
        key,
        gender,
      })),
    ).toEqual(
      Object.entries(bands)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([ageBand, volunteers]) => ({
          ageBand,
          // Not final here (other agencies hold the rest of the nation): whole, for the gateway.
          activeVolunteers: volunteers,
          verifiedHours: volunteers * 2,
          suppressed: false,
          key: `AGE_BAND=${ageBand}`,
          gender: null,
        })),
    );
    // Each cell's sketch holds its volunteers: one register set per volunteer (no collision).
    for (const cell of cells) {
      const ranks = decodeSketch(cell.activeVolunteersSketch).filter((rank) => rank > 0);
      expect(ranks.length).toBe(cell.activeVolunteers);
    }
  });

  it("suppresses the agency's own cells, final in its store", async () => {
    const result = await subgraph.run(/* GraphQL */ `
      {
        _entities(
          representations: [{ __typename: "AgencyPeriod", agencyCode: "SCD", period: "2026" }]
        ) {
          ... on AgencyPeriod {
            byGender: breakdown(by: [GENDER]) {
              gender
              activeVolunteers
              verifiedHours
              suppressed
            }
            byRegion: breakdown(by: [REGION]) {
              regionCode
              activeVolunteers
              verifiedHours
              programsRun
              beneficiaries
              suppressed
            }
          }
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        // UNKNOWN (1) is small, and FEMALE (6), the line's only other cell, goes with it.
        byGender: [
          { gender: 'FEMALE', activeVolunteers: null, verifiedHours: null, suppressed: true },
          { gender: 'UNKNOWN', activeVolunteers: null, verifiedHours: null, suppressed: true },
        ],
        // A cell of programs without counted hours counts nobody: shown, not suppressed.
        byRegion: [
          {
            regionCode: 'SA-01',
            activeVolunteers: 7,
            verifiedHours: 14,
            programsRun: 1,
            beneficiaries: 0,
            suppressed: false,
          },
          {
            regionCode: 'SA-02',
            activeVolunteers: 0,
            verifiedHours: 0,
            programsRun: 1,
            beneficiaries: 166,
            suppressed: false,
          },
        ],
      },
    ]);
  });

  it.each(['[]', '[KIND, KIND]', '[AGENCY, REGION, KIND]'])('refuses by: %s', async (by) => {
    const result = await subgraph.run(
      `{ nationalPeriod(period: "2026") { breakdown(by: ${by}) { activeVolunteers } } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
