import { beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '@sahem/kit';
import { expectGraphQLError } from '@sahem/kit/testing';
import type { Participation } from '../src/__generated__/prisma/client.ts';
import {
  aParticipation,
  aProgram,
  anAgency,
  anHourLog,
  succeed,
  type ProgramSpec,
} from './fixtures.ts';
import { TODAY, useProgramsSubgraph } from './programsSubgraph.ts';

const subgraph = useProgramsSubgraph();

type ProgramFixture = Pick<
  ProgramSpec,
  'id' | 'agencyCode' | 'regionCode' | 'status' | 'startDate' | 'endDate' | 'beneficiariesServed'
>;

const AGENCIES = ['HRSD', 'SCD', 'SRCA'];

const PROGRAMS: ProgramFixture[] = [
  {
    id: 'SCD-00001',
    agencyCode: 'SCD',
    regionCode: 'SA-01',
    status: 'OPEN',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    beneficiariesServed: 120,
  },
  {
    id: 'SCD-00002',
    agencyCode: 'SCD',
    regionCode: 'SA-02',
    status: 'COMPLETED',
    startDate: '2025-10-01',
    endDate: '2026-02-15',
    beneficiariesServed: 40,
  },
  {
    id: 'SCD-00003',
    agencyCode: 'SCD',
    regionCode: 'SA-01',
    status: 'DRAFT',
    startDate: '2026-03-01',
    endDate: '2026-05-31',
    beneficiariesServed: 999,
  },
  {
    id: 'SCD-00004',
    agencyCode: 'SCD',
    regionCode: 'SA-04',
    status: 'OPEN',
    startDate: '2027-01-01',
    endDate: '2027-03-31',
    beneficiariesServed: 10,
  },
  {
    id: 'SRCA-00001',
    agencyCode: 'SRCA',
    regionCode: 'SA-01',
    status: 'CLOSED',
    startDate: '2026-04-01',
    endDate: '2026-04-30',
    beneficiariesServed: 75,
  },
  {
    id: 'SRCA-00002',
    agencyCode: 'SRCA',
    regionCode: 'SA-04',
    status: 'OPEN',
    startDate: '2026-06-30',
    endDate: '2026-09-30',
    beneficiariesServed: 30,
  },
  {
    id: 'SRCA-00003',
    agencyCode: 'SRCA',
    regionCode: 'SA-02',
    status: 'COMPLETED',
    startDate: '2025-03-01',
    endDate: '2025-12-31',
    beneficiariesServed: 55,
  },
];

interface ParticipationFixture {
  volunteerId: string;
  programId: string;
  skillCode: string;
}

const AMAL = 'V-0000101';
const BADR = 'V-0000102';
const CHADI = 'V-0000103';
const DANA = 'V-0000104';
const VOLUNTEERS = [AMAL, BADR, CHADI, DANA];

const PARTICIPATIONS: ParticipationFixture[] = [
  { volunteerId: AMAL, programId: 'SCD-00001', skillCode: '2221' },
  { volunteerId: AMAL, programId: 'SRCA-00001', skillCode: '2221' },
  { volunteerId: BADR, programId: 'SCD-00001', skillCode: '3258' },
  { volunteerId: BADR, programId: 'SCD-00002', skillCode: '5411' },
  { volunteerId: CHADI, programId: 'SRCA-00002', skillCode: '3258' },
  { volunteerId: DANA, programId: 'SCD-00001', skillCode: '2221' },
  { volunteerId: DANA, programId: 'SRCA-00003', skillCode: '5411' },
];

interface LogFixture {
  /** Index into {@link PARTICIPATIONS}. */
  of: number;
  date: string;
  hours: number;
  verified: boolean;
}

const LOGS: LogFixture[] = [
  { of: 0, date: '2026-01-10', hours: 2.5, verified: true },
  { of: 0, date: '2026-02-01', hours: 3, verified: true },
  { of: 0, date: '2026-03-31', hours: 1.25, verified: true },
  { of: 0, date: '2026-04-01', hours: 4, verified: true },
  { of: 0, date: '2026-04-02', hours: 6, verified: false },
  { of: 1, date: '2026-04-15', hours: 5.5, verified: true },
  { of: 2, date: '2026-01-01', hours: 0.75, verified: true },
  { of: 2, date: '2026-02-28', hours: 2, verified: true },
  { of: 2, date: '2026-06-10', hours: 1.75, verified: true },
  { of: 3, date: '2025-12-20', hours: 8, verified: true },
  { of: 3, date: '2026-01-31', hours: 4.5, verified: true },
  { of: 3, date: '2026-02-10', hours: 3.25, verified: false },
  { of: 4, date: '2026-06-30', hours: 7, verified: true },
  { of: 4, date: '2026-07-01', hours: 2, verified: true },
  { of: 5, date: '2026-02-14', hours: 5, verified: false },
  { of: 6, date: '2025-11-11', hours: 6, verified: true },
];

/** Each period with its first and last day. */
const PERIODS: [string, string, string][] = [
  ['2025', '2025-01-01', '2025-12-31'],
  ['2026', '2026-01-01', '2026-12-31'],
  ['2026-Q1', '2026-01-01', '2026-03-31'],
  ['2026-Q2', '2026-04-01', '2026-06-30'],
  ['2026-Q3', '2026-07-01', '2026-09-30'],
  ['2026-01', '2026-01-01', '2026-01-31'],
  ['2026-02', '2026-02-01', '2026-02-28'],
  ['2026-06', '2026-06-01', '2026-06-30'],
  ['2026-11', '2026-11-01', '2026-11-30'],
];

const programById = new Map(PROGRAMS.map((program) => [program.id, program]));

/** The verified logs, each with its participation and program, for the expected figures. */
const VERIFIED = LOGS.filter((log) => log.verified).map((log) => {
  const participation = PARTICIPATIONS[log.of]!;
  return { ...log, ...participation, program: programById.get(participation.programId)! };
});

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const DAY = 86_400_000;
/** Days from `first` to `last`, both included; 0 when `last` comes first. */
const daysBetween = (first: string, last: string) =>
  Math.max(0, (Date.parse(last) - Date.parse(first)) / DAY + 1);
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

function bySkill(logs: typeof VERIFIED) {
  const codes = [...new Set(logs.map((log) => log.skillCode))].sort();
  return codes.map((skillCode) => ({
    skillCode,
    skill: { code: skillCode },
    hours: sum(logs.filter((log) => log.skillCode === skillCode).map((log) => log.hours)),
  }));
}

/** What an agency or region period shows, computed from the fixtures above. */
function expectedFigures(
  inScope: (program: ProgramFixture) => boolean,
  first: string,
  last: string,
) {
  const logs = VERIFIED.filter(
    (log) => inScope(log.program) && first <= log.date && log.date <= last,
  );
  // A program's beneficiaries are spread over the days it has run by today; a period takes
  // those of its own days, and the programs with at least one such day ran in it.
  const shares = PROGRAMS.filter((program) => inScope(program) && program.status !== 'DRAFT')
    .map((program) => {
      const ranUntil = earlier(program.endDate, TODAY);
      const ran = daysBetween(program.startDate, ranUntil);
      const inPeriod = daysBetween(later(program.startDate, first), earlier(ranUntil, last));
      return { program, ran, inPeriod };
    })
    .filter(({ ran, inPeriod }) => ran > 0 && inPeriod > 0);
  return {
    activeVolunteers: new Set(logs.map((log) => log.volunteerId)).size,
    verifiedHours: sum(logs.map((log) => log.hours)),
    verifiedHoursBySkill: bySkill(logs),
    beneficiaries: Math.round(
      sum(
        shares.map(({ program, ran, inPeriod }) => (program.beneficiariesServed * inPeriod) / ran),
      ),
    ),
    programsRun: shares.length,
  };
}

const ofAgency = (code: string) => (program: ProgramFixture) => program.agencyCode === code;
const ofRegion = (code: string) => (program: ProgramFixture) => program.regionCode === code;

const FIGURES = /* GraphQL */ `
  activeVolunteers
  verifiedHours
  verifiedHoursBySkill {
    skillCode
    skill {
      code
    }
    hours
  }
  beneficiaries
  programsRun
`;

const AGENCY_PERIOD = /* GraphQL */ `
  query AgencyPeriod($agencyCode: ID!, $period: String!) {
    agencyPeriod(agencyCode: $agencyCode, period: $period) {
      agencyCode
      period
      agency {
        code
      }
      ${FIGURES}
    }
  }
`;

const AGENCY_PERIODS = /* GraphQL */ `
  query AgencyPeriods($period: String!) {
    agencyPeriods(period: $period) {
      agencyCode
      period
      ${FIGURES}
    }
  }
`;

const PERIOD_OF_AGENCY = /* GraphQL */ `
  query PeriodOfAgency($agencyCode: ID!, $period: String!) {
    agency(code: $agencyCode) {
      period(period: $period) {
        agencyCode
        period
        ${FIGURES}
      }
    }
  }
`;

const REGION_PERIOD = /* GraphQL */ `
  query RegionPeriod($regionCode: ID!, $period: String!) {
    regionPeriod(regionCode: $regionCode, period: $period) {
      regionCode
      period
      region {
        code
        name {
          en
        }
      }
      ${FIGURES}
    }
  }
`;

const REGION_PERIODS = /* GraphQL */ `
  query RegionPeriods($period: String!) {
    regionPeriods(period: $period) {
      regionCode
      period
      ${FIGURES}
    }
  }
`;

const VOLUNTEER_HOURS = /* GraphQL */ `
  query VolunteerHours($representations: [_Any!]!, $period: String) {
    _entities(representations: $representations) {
      ... on Volunteer {
        id
        verifiedHours(period: $period)
        verifiedHoursBySkill(period: $period) {
          skillCode
          skill {
            code
          }
          hours
        }
      }
    }
  }
`;

const PROGRAM_HOURS = /* GraphQL */ `
  query ProgramHours($id: ID!) {
    program(id: $id) {
      verifiedHours
      verifiedHoursBySkill {
        skillCode
        skill {
          code
        }
        hours
      }
    }
  }
`;

beforeAll(async () => {
  for (const code of AGENCIES) await anAgency(subgraph, code);
  const programs = new Map<string, Awaited<ReturnType<typeof aProgram>>>();
  for (const program of PROGRAMS) programs.set(program.id, await aProgram(subgraph, program));
  const participations: Participation[] = [];
  for (const { programId, ...spec } of PARTICIPATIONS) {
    participations.push(
      await aParticipation(subgraph, programs.get(programId)!, { ...spec, status: 'ACTIVE' }),
    );
  }
  for (const { of, ...log } of LOGS) await anHourLog(subgraph, participations[of]!, log);
});

describe('the fixture', () => {
  it('gives SCD in 2026-Q1 the figures worked out by hand (today is 2026-06-15)', () => {
    expect(expectedFigures(ofAgency('SCD'), '2026-01-01', '2026-03-31')).toEqual({
      activeVolunteers: 2,
      verifiedHours: 2.5 + 3 + 1.25 + 0.75 + 2 + 4.5,
      verifiedHoursBySkill: [
        { skillCode: '2221', skill: { code: '2221' }, hours: 6.75 },
        { skillCode: '3258', skill: { code: '3258' }, hours: 2.75 },
        { skillCode: '5411', skill: { code: '5411' }, hours: 4.5 },
      ],
      // SCD-00001 has run 166 days, 90 of them in the quarter: 120 × 90/166; SCD-00002 ran
      // 138 days, 46 of them in the quarter: 40 × 46/138. 65.06 + 13.33, rounded once.
      beneficiaries: 78,
      programsRun: 2,
    });
  });
});

describe('agency periods', () => {
  it.each(PERIODS)(
    'agencyPeriod gives each agency its figures for %s',
    async (period, first, last) => {
      for (const agencyCode of AGENCIES) {
        const result = await succeed(subgraph, AGENCY_PERIOD, { agencyCode, period });

        expect(result).toEqual({
          agencyCode,
          period,
          agency: { code: agencyCode },
          ...expectedFigures(ofAgency(agencyCode), first, last),
        });
      }
    },
  );

  it.each(PERIODS)(
    'agencyPeriods lists every agency with its figures for %s',
    async (period, first, last) => {
      const result = await succeed(subgraph, AGENCY_PERIODS, { period });

      expect(result).toEqual(
        AGENCIES.map((agencyCode) => ({
          agencyCode,
          period,
          ...expectedFigures(ofAgency(agencyCode), first, last),
        })),
      );
    },
  );

  it.each(PERIODS)('Agency.period gives the same figures for %s', async (period, first, last) => {
    const result = await succeed<{ period: unknown }>(subgraph, PERIOD_OF_AGENCY, {
      agencyCode: 'SCD',
      period,
    });

    expect(result.period).toEqual({
      agencyCode: 'SCD',
      period,
      ...expectedFigures(ofAgency('SCD'), first, last),
    });
  });

  it('answers null for an unknown agency', async () => {
    expect(
      await succeed(subgraph, AGENCY_PERIOD, { agencyCode: 'NOPE', period: '2026' }),
    ).toBeNull();
  });
});

describe('region periods', () => {
  it.each(PERIODS)(
    'regionPeriod gives each region its figures for %s',
    async (period, first, last) => {
      for (const regionCode of ['SA-01', 'SA-02', 'SA-04', 'SA-09']) {
        const result = await succeed(subgraph, REGION_PERIOD, { regionCode, period });

        expect(result).toEqual({
          regionCode,
          period,
          region: { code: regionCode, name: { en: REGIONS.get(regionCode)!.en } },
          ...expectedFigures(ofRegion(regionCode), first, last),
        });
      }
    },
  );

  it.each(PERIODS)(
    'regionPeriods lists all 13 regions with their figures for %s',
    async (period, first, last) => {
      const result = await succeed(subgraph, REGION_PERIODS, { period });

      expect(result).toEqual(
        [...REGIONS.keys()].map((regionCode) => ({
          regionCode,
          period,
          ...expectedFigures(ofRegion(regionCode), first, last),
        })),
      );
    },
  );

  it.each(['SA-13', 'SA-1', 'Riyadh'])(
    'answers null for the unknown region %s',
    async (regionCode) => {
      expect(await succeed(subgraph, REGION_PERIOD, { regionCode, period: '2026' })).toBeNull();
    },
  );
});

describe("a volunteer's verified hours", () => {
  const expectedOf = (volunteerId: string, first = '0000-00-00', last = '9999-99-99') => {
    const logs = VERIFIED.filter(
      (log) => log.volunteerId === volunteerId && first <= log.date && log.date <= last,
    );
    return {
      id: volunteerId,
      verifiedHours: sum(logs.map((log) => log.hours)),
      verifiedHoursBySkill: bySkill(logs).map(({ skillCode, skill, hours }) => ({
        skillCode,
        skill,
        hours,
      })),
    };
  };
  const representations = [...VOLUNTEERS, 'V-0009999'].map((id) => ({
    __typename: 'Volunteer',
    id,
  }));

  it.each(PERIODS)(
    'counts the verified hours of every volunteer in %s',
    async (period, first, last) => {
      const result = await succeed(subgraph, VOLUNTEER_HOURS, { representations, period });

      expect(result).toEqual([...VOLUNTEERS, 'V-0009999'].map((id) => expectedOf(id, first, last)));
    },
  );

  it('counts every verified hour when no period is given', async () => {
    const result = await succeed(subgraph, VOLUNTEER_HOURS, { representations, period: null });

    expect(result).toEqual([...VOLUNTEERS, 'V-0009999'].map((id) => expectedOf(id)));
    expect(expectedOf(DANA).verifiedHours).toBe(6);
  });
});

describe("a program's verified hours", () => {
  it.each(PROGRAMS.map(({ id }) => id))('counts the verified hours of %s, by skill', async (id) => {
    const logs = VERIFIED.filter((log) => log.programId === id);

    const result = await succeed(subgraph, PROGRAM_HOURS, { id });

    expect(result).toEqual({
      verifiedHours: sum(logs.map((log) => log.hours)),
      verifiedHoursBySkill: bySkill(logs),
    });
  });
});

describe('malformed periods', () => {
  const OPERATIONS: [string, string, Record<string, unknown>][] = [
    ['agencyPeriod', AGENCY_PERIOD, { agencyCode: 'SCD' }],
    ['agencyPeriods', AGENCY_PERIODS, {}],
    ['Agency.period', PERIOD_OF_AGENCY, { agencyCode: 'SCD' }],
    ['regionPeriod', REGION_PERIOD, { regionCode: 'SA-01' }],
    ['regionPeriods', REGION_PERIODS, {}],
    [
      'Volunteer.verifiedHours',
      VOLUNTEER_HOURS,
      { representations: [{ __typename: 'Volunteer', id: AMAL }] },
    ],
  ];

  it.each(
    OPERATIONS.flatMap(([name, query, variables]) =>
      ['2026-13', '26', '2026-Q5'].map((period) => [name, period, query, variables] as const),
    ),
  )('%s refuses "%s" as BAD_USER_INPUT on period', async (_, period, query, variables) => {
    const result = await subgraph.run(query, { ...variables, period });

    if (query !== VOLUNTEER_HOURS) {
      expectGraphQLError(result, 'BAD_USER_INPUT', 'period');
      return;
    }
    // A volunteer's fields here are nullable (the subgraph boundary): each refuses on its own.
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    }
  });

  it.each(['2026-Q0', '2026-00', '2026-1', '2026-q2', '1999', '2101', '2026-07-01', ' 2026', ''])(
    'agencyPeriod refuses "%s" as BAD_USER_INPUT on period',
    async (period) => {
      const result = await subgraph.run(AGENCY_PERIOD, { agencyCode: 'SCD', period });

      expectGraphQLError(result, 'BAD_USER_INPUT', 'period');
    },
  );
});
