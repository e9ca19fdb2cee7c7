import { BAD_USER_INPUT, parsePeriod, periodDays, today } from '@sahem/kit';
import type { Context } from './context.ts';
import { economicValueOf } from './economicValueOf.ts';
import type { PeriodRepresentation, ScorecardModel } from './mappers.ts';
import { indicatorValues, scoreEntry, targetFor, type ScopeFigures } from './scorecard.ts';

const REQUIRED: (keyof ScopeFigures)[] = [
  'activeVolunteers',
  'verifiedHours',
  'beneficiaries',
  'programsRun',
  'retainedVolunteers',
  'activeTeamLeads',
];

/**
 * Every indicator of the catalogue for one scope and period: its value from the figures the
 * gateway supplied, its target (set for the period or derived from the year's), what should
 * have been reached by today, and the status that gives, or why a figure is missing. All of it
 * is judged on unrounded figures and rounded for display only (see scorecard.ts).
 */
export async function buildScorecard(
  scope: ScorecardModel['scope'],
  scopeCode: string | null,
  representation: PeriodRepresentation,
  context: Context,
): Promise<ScorecardModel> {
  // Registration is national, so only regions and the nation report registered volunteers.
  const required: (keyof ScopeFigures)[] =
    scope === 'AGENCY' ? REQUIRED : ['registeredVolunteers', ...REQUIRED];
  const missing = required.find((field) => typeof representation[field] !== 'number');
  if (missing) {
    throw BAD_USER_INPUT.err(`${missing} is required to build a scorecard.`, { field: missing });
  }
  const figures = representation as ScopeFigures & PeriodRepresentation;
  const period = parsePeriod(representation.period);
  const day = today(context.now());
  const year = parsePeriod(String(period.start.getUTCFullYear()));
  const [catalogue, targets, economicValue] = await Promise.all([
    context.loaders.catalogue(),
    context.loaders.targets.load({ scope, scopeCode: scopeCode ?? '', period: period.key }),
    economicValueOf(figures.verifiedHoursBySkill, period.start, context),
  ]);
  const values = indicatorValues(figures, economicValue.exactSar, period, day);
  const entries = catalogue.map((indicator) => {
    const of = (key: string) =>
      targets.find((t) => t.indicatorCode === indicator.code && t.period === key)?.value.toNumber();
    const target = targetFor(
      period,
      indicator.accrual,
      of(period.key),
      of(year.key),
      periodDays(year),
    );
    return {
      indicator,
      ...scoreEntry({
        // An indicator added to the catalogue before its computation is not defined anywhere.
        measured: values[indicator.code] ?? {
          value: null,
          noValueBecause: 'NOT_DEFINED_FOR_SCOPE',
        },
        target,
        accrual: indicator.accrual,
        direction: indicator.direction,
        period,
        today: day,
      }),
    };
  });
  return { scope, scopeCode, period: period.key, entries };
}
