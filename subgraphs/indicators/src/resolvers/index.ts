import { DateScalar } from '@sahem/kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Indicator } from './Indicator.ts';
import { AgencyPeriod } from './AgencyPeriod.ts';
import { ProgramPeriod } from './ProgramPeriod.ts';
import { NationalPeriod } from './NationalPeriod.ts';
import { RegionPeriod } from './RegionPeriod.ts';
import { Query } from './Query.ts';
import { SkillHours } from './SkillHours.ts';
import { SkillValue } from './SkillValue.ts';
import { Target } from './Target.ts';
import { ValuationRate } from './ValuationRate.ts';
import { ValuationTable } from './ValuationTable.ts';
import { Program } from './Program.ts';
import { Volunteer } from './Volunteer.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Indicator,
  Target,
  ValuationTable,
  ValuationRate,
  AgencyPeriod,
  ProgramPeriod,
  RegionPeriod,
  NationalPeriod,
  Program,
  Volunteer,
  SkillHours,
  SkillValue,
};
