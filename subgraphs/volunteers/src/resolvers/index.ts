import { DateScalar, DateTimeScalar } from '@sahem/kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Mutation } from './Mutation.ts';
import { NationalPeriod } from './NationalPeriod.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { RegionPeriod } from './RegionPeriod.ts';
import { Skill } from './Skill.ts';
import { Volunteer } from './Volunteer.ts';
import { VolunteerConnection } from './VolunteerConnection.ts';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  NationalPeriod,
  Region,
  RegionPeriod,
  Skill,
  Volunteer,
  VolunteerConnection,
};
