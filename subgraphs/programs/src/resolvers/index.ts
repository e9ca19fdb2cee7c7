import { DateScalar, DateTimeScalar } from '@sahem/kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Agency } from './Agency.ts';
import { AgencyPeriod } from './AgencyPeriod.ts';
import { HourLog } from './HourLog.ts';
import { Mutation } from './Mutation.ts';
import { NationalPeriod } from './NationalPeriod.ts';
import { Participation } from './Participation.ts';
import { ParticipationConnection } from './ParticipationConnection.ts';
import { Program } from './Program.ts';
import { ProgramConnection } from './ProgramConnection.ts';
import { ProgramPeriod } from './ProgramPeriod.ts';
import { ProgramStanding } from './ProgramStanding.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { RegionPeriod } from './RegionPeriod.ts';
import { SkillHours } from './SkillHours.ts';
import { Volunteer } from './Volunteer.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Agency,
  AgencyPeriod,
  HourLog,
  NationalPeriod,
  Participation,
  ParticipationConnection,
  Program,
  ProgramConnection,
  ProgramPeriod,
  ProgramStanding,
  Region,
  RegionPeriod,
  SkillHours,
  Volunteer,
};
