/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, written YYYY-MM-DD (ISO 8601). */
  Date: { input: string; output: string; }
  /** An instant, written in ISO 8601 with a time zone. */
  DateTime: { input: string; output: string; }
};

/** Age bands of a breakdown (ten-year bands from 15, as the ILO labour statistics group ages). */
export type AgeBand =
  | 'AGE_15_24'
  | 'AGE_25_34'
  | 'AGE_35_44'
  | 'AGE_45_54'
  | 'AGE_55_64'
  | 'AGE_65_PLUS'
  | 'UNDER_15'
  /** No birth year known for the participant. */
  | 'UNKNOWN';

export type ApplyToProgramInput = {
  /**
   * Any string unique to this intended write (a UUID), generated once by the client and sent
   * again with every retry of it: a retry with the same key returns what the first attempt
   * created and writes nothing new; the same key with other input is a CONFLICT. Kept a day.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  programId: Scalars['ID']['input'];
  /** ISCO-08 code of the skill the volunteer will exercise. */
  skillCode: Scalars['ID']['input'];
  volunteerId: Scalars['ID']['input'];
};

/** What a breakdown splits a period's figures by. */
export type BreakdownDimension =
  /** The program's agency. */
  | 'AGENCY'
  /** The participant's age on the period's first day (its year minus the birth year). */
  | 'AGE_BAND'
  /** The participant's gender, from the volunteer register. */
  | 'GENDER'
  /** The program's kind of volunteering. */
  | 'KIND'
  /** The program's region. */
  | 'REGION'
  /** The skill exercised (ISCO-08), which values the hours. */
  | 'SKILL';

/** A participant's gender in a breakdown; UNKNOWN when the register's cell has not reached the agency. */
export type BreakdownGender =
  | 'FEMALE'
  | 'MALE'
  | 'UNKNOWN';

export type CreateProgramInput = {
  agencyCode: Scalars['ID']['input'];
  capacity: Scalars['Int']['input'];
  description: LocalizedTextInput;
  endDate: Scalars['Date']['input'];
  /** Optional explicit id; must be the agency code, a dash and five digits (SCD-00042). */
  id?: InputMaybe<Scalars['ID']['input']>;
  /**
   * Any string unique to this intended write (a UUID), generated once by the client and sent
   * again with every retry of it: a retry with the same key returns what the first attempt
   * created and writes nothing new; the same key with other input is a CONFLICT. Kept a day.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  kind: VolunteeringKind;
  regionCode: Scalars['ID']['input'];
  requiredSkillCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  startDate: Scalars['Date']['input'];
  status?: InputMaybe<ProgramStatus>;
  title: LocalizedTextInput;
};

export type Gender =
  | 'FEMALE'
  | 'MALE';

export type IndicatorDirection =
  | 'HIGHER_IS_BETTER'
  | 'LOWER_IS_BETTER';

/**
 * ON_TRACK: the value reaches 100 % of the target pro-rated to date; AT_RISK: 80 % or more;
 * OFF_TRACK: below 80 %. For LOWER_IS_BETTER indicators the ratio is target ÷ value. Judged on
 * unrounded figures.
 */
export type IndicatorStatus =
  | 'AT_RISK'
  | 'OFF_TRACK'
  | 'ON_TRACK';

export type IndicatorUnit =
  | 'BENEFICIARIES'
  | 'HOURS'
  | 'HOURS_PER_WEEK'
  | 'PERCENT'
  | 'PROGRAMS'
  | 'SAR'
  | 'VOLUNTEERS';

export type LocalizedTextInput = {
  ar: Scalars['String']['input'];
  en: Scalars['String']['input'];
};

export type LogHoursInput = {
  activity: Scalars['String']['input'];
  date: Scalars['Date']['input'];
  hours: Scalars['Float']['input'];
  /**
   * Any string unique to this intended write (a UUID), generated once by the client and sent
   * again with every retry of it: a retry with the same key returns what the first attempt
   * created and writes nothing new; the same key with other input is a CONFLICT. Kept a day.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  participationId: Scalars['ID']['input'];
};

/** Why a figure of a scorecard or an economic value is missing (null). */
export type NoFigureReason =
  /** The indicator is not defined for this kind of scope (registered volunteers of an agency). */
  | 'NOT_DEFINED_FOR_SCOPE'
  /** A ratio over active volunteers, and nobody was active: there is no denominator. */
  | 'NO_ACTIVE_VOLUNTEERS'
  /** No target is set for the scope and period, and none can be derived from its year's. */
  | 'NO_TARGET'
  /** No valuation table was in force on the period's first day (or today, for a program or volunteer). */
  | 'NO_VALUATION_TABLE'
  /** The period has not started: nothing has been measured, so nothing is judged. */
  | 'PERIOD_NOT_STARTED'
  /** A distinct count below its target while its period runs: it may still reach it, so it is judged when the period ends. */
  | 'PERIOD_RUNNING';

export type ParticipationRole =
  | 'MEMBER'
  | 'TEAM_LEAD';

export type ParticipationStatus =
  | 'ACCEPTED'
  | 'ACTIVE'
  | 'APPLIED'
  | 'COMPLETED'
  | 'WITHDRAWN';

/** The figure a league table of programs is ranked by. */
export type ProgramFigure =
  | 'ACTIVE_VOLUNTEERS'
  | 'BENEFICIARIES'
  | 'VERIFIED_HOURS';

export type ProgramFilter = {
  /** Programs running on this date. */
  activeOn?: InputMaybe<Scalars['Date']['input']>;
  agencyCode?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<VolunteeringKind>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ProgramStatus>;
};

export type ProgramStatus =
  | 'CLOSED'
  | 'COMPLETED'
  | 'DRAFT'
  | 'OPEN';

export type RegisterVolunteerInput = {
  birthYear: Scalars['Int']['input'];
  city: Scalars['String']['input'];
  email: Scalars['String']['input'];
  fullName: Scalars['String']['input'];
  gender: Gender;
  /**
   * Any string unique to this intended write (a UUID), generated once by the client and sent
   * again with every retry of it: a retry with the same key returns what the first attempt
   * created and writes nothing new; the same key with other input is a CONFLICT. Kept a day.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  kinds: Array<VolunteeringKind>;
  /** Saudi national id (starts with 1) or resident id (starts with 2): 10 digits, Luhn checksum. */
  nationalId: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
  regionCode: Scalars['ID']['input'];
  skillCodes: Array<Scalars['ID']['input']>;
  weeklyAvailabilityHours: Scalars['Float']['input'];
};

export type ScopeKind =
  | 'AGENCY'
  | 'NATIONAL'
  | 'REGION';

/** How a yearly target is scaled to a shorter or unfinished period. */
export type TargetAccrual =
  /** A sum that accumulates over time (hours, SAR, beneficiaries): pro-rated by elapsed days. */
  | 'CUMULATIVE'
  /**
   * A count of distinct people or programs over the period (active volunteers, registered
   * volunteers, programs run). Not additive over time, so never pro-rated by days: a shorter
   * period has only a target set for it, and a running period is judged when it ends, unless
   * the count has already reached its target (it never falls).
   */
  | 'DISTINCT_COUNT'
  /** A rate or level (ratios, averages): the target applies as it is, from the first day. */
  | 'LEVEL';

export type UpdateProgramInput = {
  beneficiariesServed?: InputMaybe<Scalars['Int']['input']>;
  capacity?: InputMaybe<Scalars['Int']['input']>;
  description?: InputMaybe<LocalizedTextInput>;
  endDate?: InputMaybe<Scalars['Date']['input']>;
  kind?: InputMaybe<VolunteeringKind>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  requiredSkillCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  startDate?: InputMaybe<Scalars['Date']['input']>;
  status?: InputMaybe<ProgramStatus>;
  title?: InputMaybe<LocalizedTextInput>;
};

export type UpdateVolunteerInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  kinds?: InputMaybe<Array<VolunteeringKind>>;
  phone?: InputMaybe<Scalars['String']['input']>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  skillCodes?: InputMaybe<Array<Scalars['ID']['input']>>;
  weeklyAvailabilityHours?: InputMaybe<Scalars['Float']['input']>;
};

export type VolunteerFilter = {
  kind?: InputMaybe<VolunteeringKind>;
  /** At least this many hours a week ("even one hour a week": 1). */
  minWeeklyHours?: InputMaybe<Scalars['Float']['input']>;
  /** ISO 3166-2:SA region code. */
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  /** ISCO-08 code the volunteer has declared. */
  skillCode?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<VolunteerStatus>;
};

export type VolunteerGrouping =
  | 'KIND'
  | 'REGION'
  | 'STATUS';

export type VolunteerStatus =
  | 'ACTIVE'
  | 'INACTIVE'
  | 'SUSPENDED';

/** The ways a person gives time or means; a volunteer has one or more. */
export type VolunteeringKind =
  /** Gives consultation and guidance. */
  | 'ADVISORY'
  /** Gives money. */
  | 'FINANCIAL'
  /** Contributes ideas. */
  | 'INTELLECTUAL'
  /** Rescue and field work by physical effort. */
  | 'PHYSICAL'
  /** Hands-on skilled work. */
  | 'PRACTICAL';

export type AcceptParticipationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  role?: InputMaybe<ParticipationRole>;
  joinedOn?: InputMaybe<Scalars['Date']['input']>;
}>;


export type AcceptParticipationMutation = { acceptParticipation: { id: string, status: ParticipationStatus, role: ParticipationRole, joinedOn?: string | null } };

export type ApplyToProgramMutationVariables = Exact<{
  input: ApplyToProgramInput;
}>;


export type ApplyToProgramMutation = { applyToProgram: { id: string, status: ParticipationStatus, role: ParticipationRole, appliedAt: string, program: { id: string }, volunteer: { id: string }, skill: { code: string } } };

export type LogHoursMutationVariables = Exact<{
  input: LogHoursInput;
}>;


export type LogHoursMutation = { logHours: { id: string, date: string, hours: number, activity: string, verified: boolean } };

export type ParticipantCellsQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  first: Scalars['Int']['input'];
}>;


export type ParticipantCellsQuery = { volunteers: { edges: Array<{ node: { id: string, gender?: Gender | null, birthYear?: number | null } }> } };

export type ProgramDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProgramDetailQuery = { program?: { id: string, kind: VolunteeringKind, startDate: string, endDate: string, capacity: number, status: ProgramStatus, beneficiariesServed: number, agency: { code: string, name: { ar: string, en: string } }, title: { ar: string, en: string }, description: { ar: string, en: string }, region: { code: string, name: { ar: string, en: string } }, requiredSkills: Array<{ code: string, name: { ar: string, en: string } }> } | null };

export type VerifyHoursMutationVariables = Exact<{
  hourLogId: Scalars['ID']['input'];
  verifiedBy: Scalars['String']['input'];
}>;


export type VerifyHoursMutation = { verifyHours: { id: string, hours: number, verified: boolean, verifiedBy?: string | null, verifiedAt?: string | null } };

export type AgencyBacklogQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type AgencyBacklogQuery = { agencyPeriods: Array<{ agencyCode: string, closedAt?: string | null, hoursVerifiedAfterClose: number, agency: { name: { ar: string, en: string } }, verificationBacklog: { unverifiedHours: number, unverifiedLogs: number, oldestPendingDate?: string | null, verifiedLogs: number, medianDaysToVerify?: number | null } }> };

export type AgencyScorecardsQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type AgencyScorecardsQuery = { agencies: Array<{ code: string, name: { ar: string, en: string }, period: { activeVolunteers: number, verifiedHours: number, beneficiaries: number, programsRun: number, economicValue?: { sar?: number | null, hoursValued: number, tableVersion?: string | null, method?: string | null, isAssumption?: boolean | null, noValueBecause?: NoFigureReason | null } | null, scorecard?: { entries: Array<{ value?: number | null, noValueBecause?: NoFigureReason | null, target?: number | null, expectedToDate?: number | null, attainment?: number | null, status?: IndicatorStatus | null, noStatusBecause?: NoFigureReason | null, indicator: { code: string, unit: IndicatorUnit, name: { ar: string, en: string } } }> } | null } }> };

export type AgencyTrendQueryVariables = Exact<{
  agencyCode: Scalars['ID']['input'];
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
}>;


export type AgencyTrendQuery = { agencyTrend?: Array<{ agencyCode: string, period: string, activeVolunteers: number, verifiedHours: number, beneficiaries: number, programsRun: number, closedAt?: string | null, hoursVerifiedAfterClose: number, economicValue?: { sar?: number | null, tableVersion?: string | null, noValueBecause?: NoFigureReason | null } | null }> | null };

export type BreakdownQueryVariables = Exact<{
  period: Scalars['String']['input'];
  by: Array<BreakdownDimension> | BreakdownDimension;
}>;


export type BreakdownQuery = { nationalPeriod: { period: string, activeVolunteers: number, verifiedHours: number, breakdown: Array<{ regionCode?: string | null, agencyCode?: string | null, kind?: VolunteeringKind | null, skillCode?: string | null, gender?: BreakdownGender | null, ageBand?: AgeBand | null, activeVolunteers?: number | null, verifiedHours?: number | null, suppressed: boolean }> } };

export type DashboardScorecardsQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type DashboardScorecardsQuery = { indicators: Array<{ code: string, unit: IndicatorUnit, direction: IndicatorDirection, name: { ar: string, en: string } }>, nationalPeriod: { period: string, registeredVolunteers?: number | null, activeVolunteers: number, verifiedHours: number, beneficiaries: number, economicValue?: { sar?: number | null, tableVersion?: string | null } | null, scorecard?: { entries: Array<{ value?: number | null, target?: number | null, expectedToDate?: number | null, attainment?: number | null, status?: IndicatorStatus | null, indicator: { code: string } }> } | null, regions: Array<{ regionCode: string, activeVolunteers: number, verifiedHours: number, region: { name: { ar: string, en: string } }, economicValue?: { sar?: number | null } | null, scorecard?: { entries: Array<{ value?: number | null, target?: number | null, expectedToDate?: number | null, attainment?: number | null, status?: IndicatorStatus | null, indicator: { code: string } }> } | null }> }, agencies: Array<{ code: string, name: { ar: string, en: string }, period: { activeVolunteers: number, verifiedHours: number, beneficiaries: number, economicValue?: { sar?: number | null } | null, scorecard?: { entries: Array<{ value?: number | null, target?: number | null, expectedToDate?: number | null, attainment?: number | null, status?: IndicatorStatus | null, indicator: { code: string } }> } | null } }> };

export type DeployableVolunteersQueryVariables = Exact<{
  regionCode: Scalars['ID']['input'];
  skillCode: Scalars['ID']['input'];
  minWeeklyHours: Scalars['Float']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DeployableVolunteersQuery = { volunteers: { totalCount: number, edges: Array<{ node: { id: string, fullName?: string | null, weeklyAvailabilityHours: number, verifiedHours?: number | null, participations?: Array<{ role: ParticipationRole, status: ParticipationStatus, verifiedHours: number, program: { id: string, title: { ar: string, en: string }, agency: { code: string, name: { ar: string, en: string } } } }> | null } }>, pageInfo: { hasNextPage: boolean, endCursor?: string | null } } };

export type NationalBacklogQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type NationalBacklogQuery = { nationalPeriod: { period: string, hoursVerifiedAfterClose: number, closedAgencies: Array<string>, coverage: { included: Array<string>, excluded: Array<string> }, verificationBacklog: { unverifiedHours: number, unverifiedLogs: number, oldestPendingDate?: string | null, verifiedLogs: number, medianDaysToVerify?: number | null }, regions: Array<{ regionCode: string, verificationBacklog: { unverifiedHours: number, unverifiedLogs: number, oldestPendingDate?: string | null, medianDaysToVerify?: number | null } }> } };

export type NationalScorecardQueryVariables = Exact<{
  period: Scalars['String']['input'];
}>;


export type NationalScorecardQuery = { nationalPeriod: { period: string, registeredVolunteers?: number | null, activeVolunteers: number, verifiedHours: number, economicValue?: { sar?: number | null, tableVersion?: string | null, isAssumption?: boolean | null, noValueBecause?: NoFigureReason | null } | null, scorecard?: { entries: Array<{ value?: number | null, noValueBecause?: NoFigureReason | null, target?: number | null, expectedToDate?: number | null, status?: IndicatorStatus | null, noStatusBecause?: NoFigureReason | null, indicator: { code: string, unit: IndicatorUnit } }> } | null, regions: Array<{ regionCode: string, activeVolunteers: number, verifiedHours: number, region: { name: { ar: string, en: string } }, economicValue?: { sar?: number | null } | null, scorecard?: { entries: Array<{ value?: number | null, target?: number | null, status?: IndicatorStatus | null, noStatusBecause?: NoFigureReason | null, indicator: { code: string } }> } | null }> } };

export type NationalTrendQueryVariables = Exact<{
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
}>;


export type NationalTrendQuery = { nationalTrend: Array<{ period: string, activeVolunteers: number, verifiedHours: number, beneficiaries: number, programsRun: number, economicValue?: { sar?: number | null, tableVersion?: string | null, isAssumption?: boolean | null, noValueBecause?: NoFigureReason | null } | null, countAccuracy: { exact: boolean, relativeError: number }, coverage: { included: Array<string>, excluded: Array<string> } }> };

export type NationalTrendBreakdownQueryVariables = Exact<{
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
  by: Array<BreakdownDimension> | BreakdownDimension;
}>;


export type NationalTrendBreakdownQuery = { nationalTrend: Array<{ period: string, activeVolunteers: number, verifiedHours: number, breakdown: Array<{ regionCode?: string | null, programsRun?: number | null, beneficiaries?: number | null, agencyCode?: string | null, kind?: VolunteeringKind | null, skillCode?: string | null, gender?: BreakdownGender | null, ageBand?: AgeBand | null, activeVolunteers?: number | null, verifiedHours?: number | null, suppressed: boolean }> }> };

export type ProgramFiguresQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  period: Scalars['String']['input'];
}>;


export type ProgramFiguresQuery = { program?: { id: string, title: { ar: string, en: string }, period: { period: string, activeVolunteers: number, activeTeamLeads: number, verifiedHours: number, beneficiaries: number, hoursVerifiedAfterClose: number, verifiedHoursBySkill: Array<{ skillCode: string, hours: number }>, economicValue?: { sar?: number | null, tableVersion?: string | null, isAssumption?: boolean | null } | null } } | null };

export type ProgramImpactQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProgramImpactQuery = { program?: { id: string, verifiedHours: number, title: { ar: string, en: string }, agency: { code: string, name: { ar: string, en: string } }, region: { code: string, name: { ar: string, en: string } }, verifiedHoursBySkill: Array<{ hours: number, skill: { code: string, name: { ar: string, en: string } } }>, economicValue?: { sar?: number | null, tableVersion?: string | null, method?: string | null, isAssumption?: boolean | null, bySkill: Array<{ skillCode: string, hours: number, hourlyWageSar: number, sar: number, defaultRate: boolean, isAssumption: boolean, skill: { name: { ar: string, en: string } } }> } | null, teamLeads?: Array<{ id: string, verifiedHours: number, volunteer: { id: string, fullName?: string | null } }> | null, participations?: { totalCount: number, edges: Array<{ node: { id: string, role: ParticipationRole, status: ParticipationStatus, verifiedHours: number, volunteer: { id: string, fullName?: string | null } } }> } | null } | null };

export type ProgramLeagueQueryVariables = Exact<{
  period: Scalars['String']['input'];
  orderBy: ProgramFigure;
  agencyCode?: InputMaybe<Scalars['ID']['input']>;
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ProgramLeagueQuery = { programRanking: Array<{ programId: string, value: number, program: { title: { ar: string, en: string }, agency: { code: string }, region: { code: string } }, figures: { activeVolunteers: number, verifiedHours: number, beneficiaries: number, economicValue?: { sar?: number | null, tableVersion?: string | null } | null } }> };

export type RegionBreakdownsQueryVariables = Exact<{
  period: Scalars['String']['input'];
  by: Array<BreakdownDimension> | BreakdownDimension;
}>;


export type RegionBreakdownsQuery = { regionPeriods: Array<{ regionCode: string, period: string, activeVolunteers: number, verifiedHours: number, breakdown: Array<{ agencyCode?: string | null, kind?: VolunteeringKind | null, skillCode?: string | null, gender?: BreakdownGender | null, ageBand?: AgeBand | null, activeVolunteers?: number | null, verifiedHours?: number | null, suppressed: boolean }> }> };

export type RegionTrendQueryVariables = Exact<{
  regionCode: Scalars['ID']['input'];
  from: Scalars['String']['input'];
  to: Scalars['String']['input'];
}>;


export type RegionTrendQuery = { regionTrend?: Array<{ regionCode: string, period: string, activeVolunteers: number, verifiedHours: number, beneficiaries: number, programsRun: number, economicValue?: { sar?: number | null, tableVersion?: string | null, noValueBecause?: NoFigureReason | null } | null }> | null };

export type SearchVolunteersQueryVariables = Exact<{
  filter?: InputMaybe<VolunteerFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SearchVolunteersQuery = { volunteers: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, fullName?: string | null, city?: string | null, kinds: Array<VolunteeringKind>, weeklyAvailabilityHours: number, status: VolunteerStatus, region: { code: string, name: { ar: string, en: string } }, skills: Array<{ code: string, name: { ar: string, en: string } }> } }>, pageInfo: { hasNextPage: boolean, endCursor?: string | null } } };

export type ReferenceDataQueryVariables = Exact<{ [key: string]: never; }>;


export type ReferenceDataQuery = { agencies: Array<{ code: string, sector: string, name: { ar: string, en: string } }>, regions: Array<{ code: string, name: { ar: string, en: string } }>, skills: Array<{ code: string, majorGroup: string, name: { ar: string, en: string } }> };

export type BreakdownCellFieldsFragment = { agencyCode?: string | null, kind?: VolunteeringKind | null, skillCode?: string | null, gender?: BreakdownGender | null, ageBand?: AgeBand | null, activeVolunteers?: number | null, verifiedHours?: number | null, suppressed: boolean };

export const BreakdownCellFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BreakdownCellFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownCell"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"skillCode"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]} as unknown as DocumentNode<BreakdownCellFieldsFragment, unknown>;
export const AcceptParticipationDocument = {"__meta__":{"hash":"3198d65e6d9344d7189ad8ebf83e46e9d531abfeac24736519d9d4b1731431cc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptParticipation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipationRole"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"joinedOn"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptParticipation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}},{"kind":"Argument","name":{"kind":"Name","value":"joinedOn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"joinedOn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"joinedOn"}}]}}]}}]} as unknown as DocumentNode<AcceptParticipationMutation, AcceptParticipationMutationVariables>;
export const ApplyToProgramDocument = {"__meta__":{"hash":"ff245f9668807d41e45a9c6125bd36c184ece02c5d9dcc932382db244c8a58e6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyToProgram"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyToProgramInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyToProgram"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"appliedAt"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"skill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyToProgramMutation, ApplyToProgramMutationVariables>;
export const LogHoursDocument = {"__meta__":{"hash":"1476ac960733fa2176eed769eefb79c0c45814d910dfb20db0b22a9aa3d6f3de"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogHours"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogHoursInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logHours"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}},{"kind":"Field","name":{"kind":"Name","value":"activity"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}}]}}]}}]} as unknown as DocumentNode<LogHoursMutation, LogHoursMutationVariables>;
export const ParticipantCellsDocument = {"__meta__":{"hash":"d2c779df14a9c4d84e11b39b8cbe8d80c7c622473a2d648641316e0be71a1004"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ParticipantCells"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"volunteers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ParticipantCellsQuery, ParticipantCellsQueryVariables>;
export const ProgramDetailDocument = {"__meta__":{"hash":"9b1453eaa138c156362d47aa4f0229a90429a132ae48c042ce1e3367a30e6ea6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"description"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiariesServed"}},{"kind":"Field","name":{"kind":"Name","value":"requiredSkills"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramDetailQuery, ProgramDetailQueryVariables>;
export const VerifyHoursDocument = {"__meta__":{"hash":"70067c37cb31ac332a5cc51cffd85331d83e00aa90d70db4b16e6144eebca783"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyHours"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hourLogId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"verifiedBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyHours"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"hourLogId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hourLogId"}}},{"kind":"Argument","name":{"kind":"Name","value":"verifiedBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"verifiedBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedBy"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedAt"}}]}}]}}]} as unknown as DocumentNode<VerifyHoursMutation, VerifyHoursMutationVariables>;
export const AgencyBacklogDocument = {"__meta__":{"hash":"8292e8196be8a0de32413b0eccb1a6ad233d40d56ec2a994fd04f3e1cb0f1e06"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgencyBacklog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyPeriods"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"hoursVerifiedAfterClose"}},{"kind":"Field","name":{"kind":"Name","value":"verificationBacklog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unverifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"unverifiedLogs"}},{"kind":"Field","name":{"kind":"Name","value":"oldestPendingDate"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedLogs"}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysToVerify"}}]}}]}}]}}]} as unknown as DocumentNode<AgencyBacklogQuery, AgencyBacklogQueryVariables>;
export const AgencyScorecardsDocument = {"__meta__":{"hash":"5d2ec14ba0e72db0e312d42ecf94cfd87f041601dc8e2a765193eda919d42bb9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgencyScorecards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"period"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"programsRun"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"hoursValued"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"isAssumption"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedToDate"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"noStatusBecause"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AgencyScorecardsQuery, AgencyScorecardsQueryVariables>;
export const AgencyTrendDocument = {"__meta__":{"hash":"1d410a3107ab01da184322007df6dacf5c33982d5022655ae81e7becf677a0c0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgencyTrend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agencyCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"agencyCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agencyCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"programsRun"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"hoursVerifiedAfterClose"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}}]}}]}}]}}]} as unknown as DocumentNode<AgencyTrendQuery, AgencyTrendQueryVariables>;
export const BreakdownDocument = {"__meta__":{"hash":"c0bab134dbc334c094675c01fa12bf74385f33131e35c5e79234a34ff1a3e4a7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Breakdown"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"by"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownDimension"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationalPeriod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"by"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BreakdownCellFields"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BreakdownCellFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownCell"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"skillCode"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]} as unknown as DocumentNode<BreakdownQuery, BreakdownQueryVariables>;
export const DashboardScorecardsDocument = {"__meta__":{"hash":"d140f39716e61b24c8eebf306ef1c1cbc2c6266e8e66f1fe0fef5eeceb05e360"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardScorecards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nationalPeriod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"registeredVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedToDate"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedToDate"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"period"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedToDate"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardScorecardsQuery, DashboardScorecardsQueryVariables>;
export const DeployableVolunteersDocument = {"__meta__":{"hash":"c3742259af2ef0e1eecf09fbe48b6ddfbd08a5e75ef1b294c417a49d3c8fbb09"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeployableVolunteers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"skillCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minWeeklyHours"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"volunteers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"skillCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"skillCode"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"minWeeklyHours"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minWeeklyHours"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"weeklyAvailabilityHours"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"participations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DeployableVolunteersQuery, DeployableVolunteersQueryVariables>;
export const NationalBacklogDocument = {"__meta__":{"hash":"160a83a9c8c6d6411ae3ec32c5762280763e566b545f87bf8cec2bc0bd047000"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NationalBacklog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationalPeriod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"hoursVerifiedAfterClose"}},{"kind":"Field","name":{"kind":"Name","value":"closedAgencies"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"included"}},{"kind":"Field","name":{"kind":"Name","value":"excluded"}}]}},{"kind":"Field","name":{"kind":"Name","value":"verificationBacklog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unverifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"unverifiedLogs"}},{"kind":"Field","name":{"kind":"Name","value":"oldestPendingDate"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedLogs"}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysToVerify"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"verificationBacklog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unverifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"unverifiedLogs"}},{"kind":"Field","name":{"kind":"Name","value":"oldestPendingDate"}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysToVerify"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NationalBacklogQuery, NationalBacklogQueryVariables>;
export const NationalScorecardDocument = {"__meta__":{"hash":"779929e15ee401cd15a408ec20f7fa535d5b3dc8e3c2ea86b4897815f7e3549e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NationalScorecard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationalPeriod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"registeredVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"isAssumption"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"expectedToDate"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"noStatusBecause"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"noStatusBecause"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<NationalScorecardQuery, NationalScorecardQueryVariables>;
export const NationalTrendDocument = {"__meta__":{"hash":"6b6832af5c4dba56fd3cdc01614c04a5ddd03407a297e577e8d30a355152fb0d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NationalTrend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationalTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"programsRun"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"isAssumption"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}}]}},{"kind":"Field","name":{"kind":"Name","value":"countAccuracy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exact"}},{"kind":"Field","name":{"kind":"Name","value":"relativeError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"included"}},{"kind":"Field","name":{"kind":"Name","value":"excluded"}}]}}]}}]}}]} as unknown as DocumentNode<NationalTrendQuery, NationalTrendQueryVariables>;
export const NationalTrendBreakdownDocument = {"__meta__":{"hash":"f20f973aff45a167a1d5c1677b0e40beac8a7b0790b1529d5a6697fbab5aceea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NationalTrendBreakdown"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"by"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownDimension"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationalTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"by"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BreakdownCellFields"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"programsRun"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BreakdownCellFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownCell"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"skillCode"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]} as unknown as DocumentNode<NationalTrendBreakdownQuery, NationalTrendBreakdownQueryVariables>;
export const ProgramFiguresDocument = {"__meta__":{"hash":"fefecd1fa0e288b18b3c349f12b27a0b5e12983b2e6408c6cb05462ab266ca89"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"period"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"activeTeamLeads"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"hoursVerifiedAfterClose"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHoursBySkill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skillCode"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}}]}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"isAssumption"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramFiguresQuery, ProgramFiguresQueryVariables>;
export const ProgramImpactDocument = {"__meta__":{"hash":"23c8ced4be9f4f302ec4ef428349f775b4fff8ae6a4b0091e748dd6c96138d41"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramImpact"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHoursBySkill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"hours"}}]}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"isAssumption"}},{"kind":"Field","name":{"kind":"Name","value":"bySkill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"skillCode"}},{"kind":"Field","name":{"kind":"Name","value":"skill"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"hours"}},{"kind":"Field","name":{"kind":"Name","value":"hourlyWageSar"}},{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"defaultRate"}},{"kind":"Field","name":{"kind":"Name","value":"isAssumption"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"teamLeads"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}}]}},{"kind":"Field","name":{"kind":"Name","value":"participations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramImpactQuery, ProgramImpactQueryVariables>;
export const ProgramLeagueDocument = {"__meta__":{"hash":"6507cb608bcbe96d0de8e8d1393ac3bcd54f7befaf6ef5fdebb841ec7c5fa771"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramLeague"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProgramFigure"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agencyCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programRanking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"agencyCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agencyCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programId"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramLeagueQuery, ProgramLeagueQueryVariables>;
export const RegionBreakdownsDocument = {"__meta__":{"hash":"435dbcf8aa61a0bf453f50f839d5dced785efdbb258e703680e379c83aa42051"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionBreakdowns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"by"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownDimension"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionPeriods"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"breakdown"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"by"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"BreakdownCellFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"BreakdownCellFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BreakdownCell"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencyCode"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"skillCode"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]} as unknown as DocumentNode<RegionBreakdownsQuery, RegionBreakdownsQueryVariables>;
export const RegionTrendDocument = {"__meta__":{"hash":"0ddfe86a11ba84b3dec3a72c9a71f69546af697452687de154db4b157b478094"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionTrend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionTrend"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"activeVolunteers"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedHours"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaries"}},{"kind":"Field","name":{"kind":"Name","value":"programsRun"}},{"kind":"Field","name":{"kind":"Name","value":"economicValue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sar"}},{"kind":"Field","name":{"kind":"Name","value":"tableVersion"}},{"kind":"Field","name":{"kind":"Name","value":"noValueBecause"}}]}}]}}]}}]} as unknown as DocumentNode<RegionTrendQuery, RegionTrendQueryVariables>;
export const SearchVolunteersDocument = {"__meta__":{"hash":"0e1a253f2809ad9bf2d240cb7d53d0971c1300036cb0df82107139c2a0d6d08f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchVolunteers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VolunteerFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"volunteers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"kinds"}},{"kind":"Field","name":{"kind":"Name","value":"skills"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"weeklyAvailabilityHours"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SearchVolunteersQuery, SearchVolunteersQueryVariables>;
export const ReferenceDataDocument = {"__meta__":{"hash":"9318be41398ed697d7a66fe185dcc0893f71c78905b7e4c1e395523e5b21633a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReferenceData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sector"}}]}},{"kind":"Field","name":{"kind":"Name","value":"regions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"skills"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"majorGroup"}},{"kind":"Field","name":{"kind":"Name","value":"name"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ar"}},{"kind":"Field","name":{"kind":"Name","value":"en"}}]}}]}}]}}]} as unknown as DocumentNode<ReferenceDataQuery, ReferenceDataQueryVariables>;