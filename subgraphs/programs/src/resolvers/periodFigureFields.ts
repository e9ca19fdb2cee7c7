import type { Context } from '../context.ts';
import type { PeriodFigures } from '../periodStats.ts';

type Load<Key> = (key: Key, loaders: Context['loaders']) => Promise<PeriodFigures>;

/**
 * The figure fields shared by `AgencyPeriod`, `RegionPeriod` and `NationalPeriod`: each reads
 * one number from the batched figures of its key, so asking for all of them is one statement.
 */
export function periodFigureFields<Key>(load: Load<Key>) {
  const field =
    (name: keyof PeriodFigures) =>
    (key: Key, _args: unknown, { loaders }: Context): Promise<number> =>
      load(key, loaders).then((figures) => figures[name]);
  return {
    activeVolunteers: field('activeVolunteers'),
    verifiedHours: field('verifiedHours'),
    beneficiaries: field('beneficiaries'),
    programsRun: field('programsRun'),
    retainedVolunteers: field('retainedVolunteers'),
    activeTeamLeads: field('activeTeamLeads'),
    hoursVerifiedAfterClose: field('hoursVerifiedAfterClose'),
  };
}
