import type { Connection, LocalizedText } from '@sahem/kit';
import type { Prisma, Volunteer } from './__generated__/prisma/client.ts';

/** What resolvers return for a `Region`: its code; the name is looked up. */
export interface RegionModel {
  code: string;
}

/** `LocalizedText` is returned as it is stored. */
export type LocalizedTextModel = LocalizedText;

/** A page of volunteers plus the filter it came from, so `totalCount` is only counted when asked. */
export interface VolunteerConnectionModel extends Connection<Volunteer> {
  /** The search's condition on `v` (the `Volunteer` table), as SQL. */
  where: Prisma.Sql;
}

/** Key of a period entity; the figures are loaded when asked. */
export interface RegionPeriodModel {
  regionCode: string;
  period: string;
}

export interface NationalPeriodModel {
  period: string;
}
