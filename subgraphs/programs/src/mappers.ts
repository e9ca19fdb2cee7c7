import type { Connection, LocalizedText } from '@sahem/kit';
import type {
  Participation,
  ParticipationRole,
  ParticipationStatus,
  Program,
  Prisma,
} from './__generated__/prisma/client.ts';

/** A volunteer as this subgraph knows one: by id. */
export interface VolunteerRef {
  id: string;
}

/** A skill as this subgraph knows one: by ISCO-08 code. */
export interface SkillRef {
  code: string;
}

export interface SkillHoursModel {
  skillCode: string;
  hours: number;
}

/** Key of a period aggregate; the figures are loaded when asked. */
export interface AgencyPeriodModel {
  agencyCode: string;
  period: string;
}

export interface RegionPeriodModel {
  regionCode: string;
  period: string;
}

export interface NationalPeriodModel {
  period: string;
}

export interface ProgramPeriodModel {
  programId: string;
  period: string;
}

/** A row of a league table: the program's id and the figure it is ranked by, in a period. */
export interface ProgramStandingModel {
  programId: string;
  value: number;
  period: string;
}

export type { VerificationBacklogModel } from './verificationBacklog/backlogOfPeriods.ts';

export interface RegionModel {
  code: string;
}

export type LocalizedTextModel = LocalizedText;

/** A page of programs plus its filter, so `totalCount` is only counted when asked. */
export interface ProgramConnectionModel extends Connection<Program> {
  where: Prisma.ProgramWhereInput;
}

/** A page of one program's participations plus what `totalCount` needs. */
export interface ParticipationConnectionModel extends Connection<Participation> {
  programId: string;
  role: ParticipationRole | null;
  status: ParticipationStatus | null;
}

export type { BreakdownCellModel } from './breakdowns/breakdownField.ts';
