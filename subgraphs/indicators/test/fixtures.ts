import type { Prisma } from '../src/__generated__/prisma/client.ts';
import type { IndicatorsSubgraph } from './indicatorsSubgraph.ts';

/** SAR to the halala. */
export const round2 = (value: number) => Math.round(value * 100) / 100;
/** Attainment as the API shows it: four decimals, rounded down. */
export const floor4 = (value: number) => Math.floor(value * 10_000 + 1e-9) / 10_000;

/** 2026-06-30, the pinned "today", is day 181 of the 365 days of 2026. */
export const ELAPSED_OF_2026 = 181 / 365;

export interface SkillHours {
  skillCode: string;
  hours: number;
}

/** What the programs and volunteers subgraphs report for an agency, as the gateway forwards it. */
export const agencyPeriod = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'AgencyPeriod',
  agencyCode: 'SCD',
  period: '2026',
  activeVolunteers: 10,
  verifiedHours: 120.5,
  verifiedHoursBySkill: [
    { skillCode: '5411', hours: 100 },
    { skillCode: '2221', hours: 20.5 },
  ],
  beneficiaries: 300,
  programsRun: 2,
  retainedVolunteers: 4,
  activeTeamLeads: 1,
  ...overrides,
});

export const regionPeriod = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'RegionPeriod',
  regionCode: 'SA-01',
  period: '2026',
  registeredVolunteers: 5000,
  activeVolunteers: 1200,
  verifiedHours: 9000,
  verifiedHoursBySkill: [
    { skillCode: '3256', hours: 4000 },
    { skillCode: '9112', hours: 3000.25 },
    { skillCode: '1120', hours: 1999.75 },
  ],
  beneficiaries: 40_000,
  programsRun: 35,
  retainedVolunteers: 600,
  activeTeamLeads: 90,
  ...overrides,
});

export const nationalPeriod = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'NationalPeriod',
  period: '2026',
  registeredVolunteers: 80_000,
  activeVolunteers: 20_000,
  verifiedHours: 150_000,
  verifiedHoursBySkill: [
    { skillCode: '0110', hours: 10_000 },
    { skillCode: '2221', hours: 60_000 },
    { skillCode: '4110', hours: 30_000 },
    { skillCode: '5411', hours: 50_000 },
  ],
  beneficiaries: 900_000,
  programsRun: 700,
  retainedVolunteers: 9_000,
  activeTeamLeads: 2_000,
  ...overrides,
});

/** The replacement wages of one valuation table, read back from the database. */
export interface Rates {
  version: string;
  method: string;
  defaultRate: number;
  defaultRateIsAssumption: boolean;
  byGroup: Map<string, number>;
  /** Major groups whose rate is an assumption. */
  assumed: Set<string>;
}

export async function ratesOf(subgraph: IndicatorsSubgraph, version: string): Promise<Rates> {
  const table = await subgraph.db.prisma.valuationTable.findUniqueOrThrow({
    where: { version },
    include: { rates: true },
  });
  return {
    version,
    method: table.method,
    defaultRate: table.defaultRate.toNumber(),
    defaultRateIsAssumption: table.defaultRateIsAssumption,
    byGroup: new Map(table.rates.map((rate) => [rate.majorGroup, rate.hourlyWageSar.toNumber()])),
    assumed: new Set(
      table.rates.filter((rate) => rate.isAssumption).map((rate) => rate.majorGroup),
    ),
  };
}

/**
 * The economic value the replacement-cost method gives `hoursBySkill` at `rates`: each skill at
 * the wage of its ISCO-08 major group (its first digit), the total rounded once.
 */
export function replacementCost(hoursBySkill: readonly SkillHours[], rates: Rates) {
  const bySkill = [...hoursBySkill]
    .sort((a, b) => (a.skillCode < b.skillCode ? -1 : 1))
    .map(({ skillCode, hours }) => {
      const majorGroup = skillCode[0]!;
      const wage = rates.byGroup.get(majorGroup);
      const hourlyWageSar = wage ?? rates.defaultRate;
      return {
        skillCode,
        majorGroup,
        hours,
        hourlyWageSar,
        sar: round2(hours * hourlyWageSar),
        defaultRate: wage === undefined,
        isAssumption:
          wage === undefined ? rates.defaultRateIsAssumption : rates.assumed.has(majorGroup),
      };
    });
  let total = 0;
  let hours = 0;
  for (const line of bySkill) {
    total += line.hours * line.hourlyWageSar;
    hours += line.hours;
  }
  return {
    sar: round2(total),
    tableVersion: rates.version,
    method: rates.method,
    hoursValued: round2(hours),
    isAssumption: bySkill.some((line) => line.isAssumption),
    noValueBecause: null,
    bySkill,
  };
}

export async function someTargets(
  subgraph: IndicatorsSubgraph,
  targets: Prisma.TargetCreateManyInput[],
): Promise<void> {
  await subgraph.db.prisma.target.createMany({ data: targets });
}

export const ECONOMIC_VALUE = /* GraphQL */ `
  fragment EconomicValueParts on EconomicValue {
    sar
    tableVersion
    method
    hoursValued
    isAssumption
    noValueBecause
    bySkill {
      skillCode
      majorGroup
      hours
      hourlyWageSar
      sar
      defaultRate
      isAssumption
    }
  }
`;

export const SCORECARD = /* GraphQL */ `
  fragment ScorecardParts on Scorecard {
    scope
    scopeCode
    period
    entries {
      indicator {
        code
      }
      value
      noValueBecause
      target
      expectedToDate
      attainment
      status
      noStatusBecause
    }
  }
`;

export const PERIOD_ENTITIES = /* GraphQL */ `
  query PeriodEntities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on AgencyPeriod {
        agencyCode
        period
        economicValue {
          ...EconomicValueParts
        }
        scorecard {
          ...ScorecardParts
        }
      }
      ... on RegionPeriod {
        regionCode
        period
        economicValue {
          ...EconomicValueParts
        }
        scorecard {
          ...ScorecardParts
        }
      }
      ... on NationalPeriod {
        period
        economicValue {
          ...EconomicValueParts
        }
        scorecard {
          ...ScorecardParts
        }
      }
    }
  }
  ${ECONOMIC_VALUE}
  ${SCORECARD}
`;

export const SCORECARDS = /* GraphQL */ `
  query Scorecards($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        scorecard {
          ...ScorecardParts
        }
      }
      ... on RegionPeriod {
        scorecard {
          ...ScorecardParts
        }
      }
      ... on NationalPeriod {
        scorecard {
          ...ScorecardParts
        }
      }
    }
  }
  ${SCORECARD}
`;

export const ECONOMIC_VALUES = /* GraphQL */ `
  query EconomicValues($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on AgencyPeriod {
        economicValue {
          ...EconomicValueParts
        }
      }
      ... on RegionPeriod {
        economicValue {
          ...EconomicValueParts
        }
      }
      ... on NationalPeriod {
        economicValue {
          ...EconomicValueParts
        }
      }
      ... on Program {
        id
        economicValue {
          ...EconomicValueParts
        }
      }
      ... on Volunteer {
        id
        economicValue {
          ...EconomicValueParts
        }
      }
    }
  }
  ${ECONOMIC_VALUE}
`;
