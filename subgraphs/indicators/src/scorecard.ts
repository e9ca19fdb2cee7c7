import { periodDays, type Period } from '@sahem/kit';

export type IndicatorStatus = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK';
export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
/**
 * How a target relates to time: CUMULATIVE sums accrue day by day; LEVEL rates and averages
 * hold for the whole period; DISTINCT_COUNT counts of people or programs are not additive over
 * time (those active in March are mostly active in April too), so they are never pro-rated.
 */
export type Accrual = 'CUMULATIVE' | 'LEVEL' | 'DISTINCT_COUNT';

/** Why a scorecard figure (a value, or the status judged from it) is missing. */
export type NoFigureReason =
  | 'NOT_DEFINED_FOR_SCOPE'
  | 'PERIOD_NOT_STARTED'
  | 'NO_ACTIVE_VOLUNTEERS'
  | 'NO_VALUATION_TABLE'
  | 'NO_TARGET'
  | 'PERIOD_RUNNING';

/** What the other subgraphs report of a scope in a period (the `@requires` fields). */
export interface ScopeFigures {
  /** Not known for an agency: registration is national, not per agency. */
  registeredVolunteers?: number | null;
  activeVolunteers: number;
  verifiedHours: number;
  beneficiaries: number;
  programsRun: number;
  retainedVolunteers: number;
  activeTeamLeads: number;
}

/** An indicator's value, unrounded, or the reason it has none. */
export type Measured =
  { value: number; noValueBecause: null } | { value: null; noValueBecause: NoFigureReason };

/** One line of a scorecard as the API shows it: figures rounded for display only. */
export interface ScoredLine {
  value: number | null;
  noValueBecause: NoFigureReason | null;
  target: number | null;
  expectedToDate: number | null;
  attainment: number | null;
  status: IndicatorStatus | null;
  noStatusBecause: NoFigureReason | null;
}

/** Share of the status thresholds: at or above 100 % ON_TRACK, at or above 80 % AT_RISK. */
export const ON_TRACK_AT = 1;
export const AT_RISK_AT = 0.8;
/**
 * Binary floating point cannot write 181/365 exactly, so 362 hours against 730 × 181/365 can
 * come out a hair under 100 %. Differences below this are noise, not shortfalls.
 */
const NOISE = 1e-9;

const DAY = 86_400_000;
/** Figures are shown to the hundredth; they are judged before rounding. */
const round2 = (value: number) => Math.round(value * 100) / 100;
const measured = (value: number): Measured => ({ value, noValueBecause: null });
const missing = (reason: NoFigureReason): Measured => ({ value: null, noValueBecause: reason });

/** Share of `period` elapsed by the end of `today`: 0 before it starts, 1 once it is over. */
export function elapsedShare(period: Period, today: Date): number {
  const elapsed = today.getTime() + DAY - period.start.getTime();
  return Math.min(1, Math.max(0, elapsed / (period.end.getTime() - period.start.getTime())));
}

/**
 * The value of each indicator of the catalogue from a scope's figures, unrounded.
 * `economicValue` comes from the valuation (null when no table was in force). Nothing is
 * measured in a period that has not started; a ratio over active volunteers has no value when
 * nobody was active (a ratio without a denominator is not 0); average weekly hours divide by
 * the weeks elapsed, so a running year is not diluted by weeks still to come.
 */
export function indicatorValues(
  figures: ScopeFigures,
  economicValue: number | null,
  period: Period,
  today: Date,
): Record<string, Measured> {
  const share = elapsedShare(period, today);
  const ratio = (part: number, scale: number): Measured =>
    figures.activeVolunteers > 0
      ? measured((scale * part) / figures.activeVolunteers)
      : missing('NO_ACTIVE_VOLUNTEERS');
  const weeks = Math.max(1, (share * periodDays(period)) / 7);
  const values: Record<string, Measured> = {
    ACTIVE_VOLUNTEERS: measured(figures.activeVolunteers),
    REGISTERED_VOLUNTEERS:
      figures.registeredVolunteers == null
        ? missing('NOT_DEFINED_FOR_SCOPE')
        : measured(figures.registeredVolunteers),
    VERIFIED_HOURS: measured(figures.verifiedHours),
    AVG_WEEKLY_HOURS: ratio(figures.verifiedHours / weeks, 1),
    BENEFICIARIES: measured(figures.beneficiaries),
    PROGRAMS_RUN: measured(figures.programsRun),
    RETENTION_RATE: ratio(figures.retainedVolunteers, 100),
    TEAM_LEAD_RATIO: ratio(figures.activeTeamLeads, 100),
    ECONOMIC_VALUE:
      economicValue === null ? missing('NO_VALUATION_TABLE') : measured(economicValue),
  };
  if (share > 0) return values;
  // Not started: an indicator that does not apply to the scope keeps saying so.
  return Object.fromEntries(
    Object.entries(values).map(([code, line]) => [
      code,
      line.noValueBecause === 'NOT_DEFINED_FOR_SCOPE' ? line : missing('PERIOD_NOT_STARTED'),
    ]),
  );
}

/**
 * The target of a period, unrounded: the one set for the period itself, else one derived
 * from its year's. A CUMULATIVE year target is scaled by the period's share of the year's
 * days, a LEVEL one applies as it is, and a DISTINCT_COUNT one gives a shorter period none.
 */
export function targetFor(
  period: Period,
  accrual: Accrual,
  exact: number | undefined,
  yearly: number | undefined,
  yearDays: number,
): number | null {
  if (exact !== undefined) return exact;
  if (yearly === undefined) return null;
  switch (accrual) {
    case 'CUMULATIVE':
      return (yearly * periodDays(period)) / yearDays;
    case 'LEVEL':
      return yearly;
    case 'DISTINCT_COUNT':
      return null;
  }
}

/**
 * What should have been reached by the end of `today`, unrounded. Nothing is expected of a
 * period that has not started (null). CUMULATIVE targets accrue with elapsed time; LEVEL
 * targets apply in full from the first day; DISTINCT_COUNT targets are the count for the
 * whole period, which the count to date can only approach.
 */
export function expectedToDate(
  target: number,
  accrual: Accrual,
  period: Period,
  today: Date,
): number | null {
  const share = elapsedShare(period, today);
  if (share === 0) return null;
  return accrual === 'CUMULATIVE' ? target * share : target;
}

/**
 * Attainment (value ÷ expected, or expected ÷ value when lower is better) and the status it
 * gives: ON_TRACK from 100 %, AT_RISK from 80 %, OFF_TRACK below. Takes unrounded figures;
 * the attainment it returns is rounded down to four decimals, so it never reads 100 % while
 * the status says AT_RISK. Nothing expected (a target of 0) is ON_TRACK with no attainment.
 */
export function assess(
  value: number,
  expected: number,
  direction: Direction,
): { attainment: number | null; status: IndicatorStatus } {
  if (expected <= 0) return { attainment: null, status: 'ON_TRACK' };
  const ratio =
    direction === 'HIGHER_IS_BETTER' ? value / expected : value === 0 ? Infinity : expected / value;
  const attainment = ratio + NOISE;
  const status =
    attainment >= ON_TRACK_AT ? 'ON_TRACK' : attainment >= AT_RISK_AT ? 'AT_RISK' : 'OFF_TRACK';
  return {
    attainment: Number.isFinite(attainment) ? Math.floor(attainment * 10_000) / 10_000 : null,
    status,
  };
}

/** What {@link scoreEntry} judges: one indicator of one scope in one period. */
export interface EntryInput {
  measured: Measured;
  target: number | null;
  accrual: Accrual;
  direction: Direction;
  period: Period;
  today: Date;
}

/**
 * One scorecard line from unrounded figures: judged first, rounded for display last. A line
 * without a value has no status and says why; so does one without a target. A DISTINCT_COUNT
 * in a running period is ON_TRACK once it reaches its target (the count never falls) and is
 * otherwise judged when the period ends.
 */
export function scoreEntry({
  measured,
  target,
  accrual,
  direction,
  period,
  today,
}: EntryInput): ScoredLine {
  const expected = target === null ? null : expectedToDate(target, accrual, period, today);
  const shown = {
    value: measured.value === null ? null : round2(measured.value),
    noValueBecause: measured.noValueBecause,
    target: target === null ? null : round2(target),
    expectedToDate: expected === null ? null : round2(expected),
  };
  const unjudged = (reason: NoFigureReason, attainment: number | null = null): ScoredLine => ({
    ...shown,
    attainment,
    status: null,
    noStatusBecause: reason,
  });
  if (measured.value === null) return unjudged(measured.noValueBecause);
  if (target === null || expected === null) return unjudged('NO_TARGET');
  const { attainment, status } = assess(measured.value, expected, direction);
  const running = elapsedShare(period, today) < 1;
  if (accrual === 'DISTINCT_COUNT' && running) {
    const reached = direction === 'HIGHER_IS_BETTER' && status === 'ON_TRACK';
    if (!reached) return unjudged('PERIOD_RUNNING', attainment);
  }
  return { ...shown, attainment, status, noStatusBecause: null };
}
