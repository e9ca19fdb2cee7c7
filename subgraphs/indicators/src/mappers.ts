import type { LocalizedText } from '@sahem/kit';
import type { Indicator } from './__generated__/prisma/client.ts';
import type { ScopeFigures, ScoredLine } from './scorecard.ts';
import type { SkillHours } from './valuation.ts';

export type { EconomicValueModel } from './valuation.ts';
export type { TableWithRates as ValuationTableModel } from './loaders.ts';

export type LocalizedTextModel = LocalizedText;

/**
 * An entity reference as the gateway sends it: the key plus whichever `@requires` fields the
 * query needs. Fields not required by the query are absent.
 */
export type PeriodRepresentation = Partial<ScopeFigures> & {
  period: string;
  verifiedHoursBySkill?: SkillHours[];
};

export type AgencyPeriodModel = PeriodRepresentation & { agencyCode: string };
export type RegionPeriodModel = PeriodRepresentation & { regionCode: string };
export type NationalPeriodModel = PeriodRepresentation;
export type ProgramPeriodModel = PeriodRepresentation & { programId: string };

export interface WorkRepresentation {
  id: string;
  verifiedHoursBySkill?: SkillHours[];
}

export interface ScorecardModel {
  scope: 'NATIONAL' | 'AGENCY' | 'REGION';
  scopeCode: string | null;
  period: string;
  entries: ScorecardEntryModel[];
}

export interface ScorecardEntryModel extends ScoredLine {
  indicator: Indicator;
}

export interface SkillRef {
  code: string;
}

export type SkillHoursModel = SkillHours;
