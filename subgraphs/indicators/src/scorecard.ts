import { periodDays, type Period } from '@sahem/kit';

export type IndicatorStatus = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK';
export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
export type Accrual = 'CUMULATIVE' | 'LEVEL';

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

/** Share of the status thresholds: at or above 100 % ON_TRACK, at or above 80 % AT_RISK. */
export const ON_TRACK_AT = 1;
export const AT_RISK_AT = 0.8;

const DAY = 86_400_000;
const round2 = (value: number) => Math.round(value * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? round2((100 * part) / whole) : 0);

/** Share of `period` elapsed by the end of `today`: 0 before it starts, 1 once it is over. */
export function elapsedShare(period: Period, today: Date): number {
  const elapsed = today.getTime() + DAY - period.start.getTime();
  return Math.min(1, Math.max(0, elapsed / (period.end.getTime() - period.start.getTime())));
}

/**
 * The value of each indicator of the catalogue from a scope's figures. `economicValue` comes
 * from the valuation (see valuation.ts). Average weekly hours divide by the weeks elapsed, so a
 * running year is not diluted by weeks still to come.
 */
export function indicatorValues(
  figures: ScopeFigures,
  economicValue: number,
  period: Period,
  today: Date,
): Record<string, number | null> {
  const weeks = Math.max(1, (elapsedShare(period, today) * periodDays(period)) / 7);
  return {
    ACTIVE_VOLUNTEERS: figures.activeVolunteers,
    REGISTERED_VOLUNTEERS: figures.registeredVolunteers ?? null,
    VERIFIED_HOURS: round2(figures.verifiedHours),
    AVG_WEEKLY_HOURS:
      figures.activeVolunteers > 0
        ? round2(figures.verifiedHours / figures.activeVolunteers / weeks)
        : 0,
    BENEFICIARIES: figures.beneficiaries,
    PROGRAMS_RUN: figures.programsRun,
    RETENTION_RATE: percent(figures.retainedVolunteers, figures.activeVolunteers),
    TEAM_LEAD_RATIO: percent(figures.activeTeamLeads, figures.activeVolunteers),
    ECONOMIC_VALUE: economicValue,
  };
}

/**
 * The target of a period: the one set for the period itself, else the yearly target scaled to
 * the period (by its share of the year's days for CUMULATIVE indicators, as it is for LEVEL).
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
  return accrual === 'CUMULATIVE' ? round2((yearly * periodDays(period)) / yearDays) : yearly;
}

/**
 * What should have been reached by `today`: CUMULATIVE targets accrue with elapsed time, LEVEL
 * targets apply in full once the period has begun. Before it begins nothing is expected.
 */
export function expectedToDate(
  target: number,
  accrual: Accrual,
  period: Period,
  today: Date,
): number {
  const share = elapsedShare(period, today);
  if (share === 0) return 0;
  return accrual === 'CUMULATIVE' ? round2(target * share) : target;
}

/**
 * Attainment (value ÷ expected, or expected ÷ value when lower is better) and the status it
 * gives: ON_TRACK from 100 %, AT_RISK from 80 %, OFF_TRACK below. Nothing expected yet (a
 * period that has not started) is ON_TRACK with no attainment.
 */
export function assess(
  value: number,
  expected: number,
  direction: Direction,
): { attainment: number | null; status: IndicatorStatus } {
  if (expected <= 0) return { attainment: null, status: 'ON_TRACK' };
  const attainment =
    direction === 'HIGHER_IS_BETTER' ? value / expected : value === 0 ? Infinity : expected / value;
  const status =
    attainment >= ON_TRACK_AT ? 'ON_TRACK' : attainment >= AT_RISK_AT ? 'AT_RISK' : 'OFF_TRACK';
  // Shown rounded down, so the figure never reads 100 % while the status says AT_RISK.
  return {
    attainment: Number.isFinite(attainment)
      ? Math.floor(attainment * 10_000 + 1e-9) / 10_000
      : null,
    status,
  };
}
