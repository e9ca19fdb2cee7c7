import { SKETCH_RELATIVE_ERROR } from '@sahem/kit';

/** Standard errors an estimate may stray: outside three, about three in a thousand fall. */
const STANDARD_ERRORS = 3;
/** Rounded up to a tenth of a percent, so the documented figure is the one applied. */
const roundUp = (fraction: number) => Math.ceil(fraction * 1000) / 1000;

/**
 * How far a distinct count merged from HyperLogLog sketches may stray from the exact one, as a
 * fraction of it: three standard errors of a precision-14 sketch (3 × 0.81 % ≈ 2.44 %), 2.5 %.
 */
export const ESTIMATE_RELATIVE_TOLERANCE = roundUp(STANDARD_ERRORS * SKETCH_RELATIVE_ERROR);

/**
 * The same for a ratio of two such counts (team leads over active volunteers): their errors
 * add as independent ones at most, √2 × 2.44 % ≈ 3.45 %, 3.5 %.
 */
export const RATIO_RELATIVE_TOLERANCE = roundUp(
  STANDARD_ERRORS * SKETCH_RELATIVE_ERROR * Math.SQRT2,
);

/**
 * The same for a count of those active in two periods (`retainedVolunteers`), which the gateway
 * estimates by inclusion–exclusion, |A| + |B| − |A ∪ B|: the three estimates' errors are each a
 * share of sets larger than the intersection, so relative to it they grow as it shrinks. With
 * `share` = |A ∩ B| ÷ |A| and |B| ≈ |A| (periods of one length):
 * 3 × 0.81 % × √(2 + (2 − share)²) ÷ share; 8.9 % at a retention of 55 %. Shares under 5 %
 * are taken as 5 % (an intersection near 0 is all error).
 */
export function intersectionTolerance(share: number): number {
  const r = Math.min(1, Math.max(0.05, share));
  return roundUp((STANDARD_ERRORS * SKETCH_RELATIVE_ERROR * Math.sqrt(2 + (2 - r) ** 2)) / r);
}

/**
 * The distinct counts the gateway merges from sketches when every agency has its own programs
 * instance (`@merge(rule: "distinct" | "intersection")` in the programs contract). They are
 * integers, so an estimate may also be one off however small the count.
 */
export const ESTIMATED_COUNTS: ReadonlySet<string> = new Set([
  'activeVolunteers',
  'retainedVolunteers',
  'activeTeamLeads',
]);

/**
 * Indicators whose value the observatory computes from those counts
 * (`subgraphs/indicators/src/scorecard.ts`, `indicatorValues`; a unit test keeps the two in
 * step), with the tolerance of that value: the figure's own, as a function of the exact value.
 * Their `attainment` (value over what is expected) strays as much, and their status may tip
 * when the two values lie either side of a threshold.
 */
export const ESTIMATED_INDICATORS: ReadonlyMap<string, (exact: number) => number> = new Map([
  ['ACTIVE_VOLUNTEERS', () => ESTIMATE_RELATIVE_TOLERANCE],
  ['AVG_WEEKLY_HOURS', () => ESTIMATE_RELATIVE_TOLERANCE],
  ['TEAM_LEAD_RATIO', () => RATIO_RELATIVE_TOLERANCE],
  // A percentage of active volunteers: the retained share is the value over 100.
  ['RETENTION_RATE', (exact: number) => intersectionTolerance(exact / 100)],
]);

/** How a figure may stray: a fraction of the exact one, or its rounding step, the larger. */
interface Tolerance {
  relative: number;
  step: number;
}

/** How two answers compared: the same, the same but for estimates within their error, or not. */
export type AnswerComparison =
  | { state: 'equal' }
  | {
      state: 'approximate';
      /** The largest |actual − expected| ÷ |expected| over the estimates that differ (1 from 0). */
      maxDeviation: number;
      /** Where that largest deviation is, as `[3].nationalPeriod.activeVolunteers: 242 ≠ 243`. */
      at: string;
      /** Scorecard statuses that differ because their estimated values lie across a threshold. */
      tippedStatuses: number;
    }
  | { state: 'differs'; at: string };

/** Compares two answers exactly, or with `estimates` lets the sketch-merged figures stray. */
export interface CompareOptions {
  /**
   * Whether the actual answer's distinct counts are sketch estimates of the expected's exact
   * ones: true only when the two come from different agency layouts (one programs instance per
   * agency against one holding every agency). Everything else is always compared exactly.
   * @default false
   */
  estimates?: boolean;
}

/**
 * Compares a target's answers with the reference's. Objects compare by keys, whatever their
 * order (gateways may order fields differently); arrays in order; every leaf exactly, except,
 * with `estimates`, the distinct counts and the scorecard figures computed from them, which may
 * differ by their tolerance (above) of the exact figure or by their rounding step (1 for a
 * count, 0.01 for a value, 0.0001 for an attainment), whichever is larger; and a scorecard
 * line's status where its value so differs. The first difference outside
 * that is reported as `differs`.
 */
export function compareAnswers(
  expected: unknown,
  actual: unknown,
  options: CompareOptions = {},
): AnswerComparison {
  let largest: { deviation: number; at: string } | undefined;
  let tippedStatuses = 0;

  /** The first difference outside what is allowed, recording allowed ones on the way. */
  const walk = (
    e: unknown,
    a: unknown,
    path: string,
    tolerance: Tolerance | undefined,
  ): string | undefined => {
    const at = path || '(root)';
    if (typeof e === 'number' && typeof a === 'number') {
      if (e === a) return undefined;
      const shown = `${at}: ${e} ≠ ${a}`;
      if (!tolerance) return shown;
      const difference = Math.abs(a - e);
      const allowed = Math.max(tolerance.relative * Math.abs(e), tolerance.step);
      // A tiny slack for binary floating point: 0.07 − 0.06 is 0.010000000000000009.
      if (difference > allowed + 1e-9) return shown;
      // Against the exact figure; an exact 0 estimated as 1 is off by all of itself.
      const deviation = e === 0 ? 1 : difference / Math.abs(e);
      if (!largest || deviation > largest.deviation) largest = { deviation, at: shown };
      return undefined;
    }
    if (Array.isArray(e) || Array.isArray(a)) {
      if (!Array.isArray(e) || !Array.isArray(a)) return `${at}: a list and not a list`;
      if (e.length !== a.length) return `${at}: ${e.length} items ≠ ${a.length}`;
      for (let i = 0; i < e.length; i++) {
        const found = walk(e[i], a[i], `${path}[${i}]`, undefined);
        if (found) return found;
      }
      return undefined;
    }
    if (isObject(e) && isObject(a)) {
      const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
      const line = options.estimates ? estimatedLine(e, a) : undefined;
      for (const key of keys) {
        const inner = path ? `${path}.${key}` : key;
        if (!(key in e) || !(key in a)) return `${inner}: present in one answer only`;
        // Judged from the value: estimates either side of a threshold judge differently.
        if (line?.valuesDiffer && key === 'status') {
          if (e[key] !== a[key]) tippedStatuses += 1;
          continue;
        }
        const tolerance = !options.estimates
          ? undefined
          : ESTIMATED_COUNTS.has(key)
            ? { relative: countTolerance(key, e), step: 1 }
            : line && (key === 'value' || key === 'attainment')
              ? line[key]
              : undefined;
        const found = walk(e[key], a[key], inner, tolerance);
        if (found) return found;
      }
      return undefined;
    }
    return Object.is(e, a) ? undefined : `${at}: ${JSON.stringify(e)} ≠ ${JSON.stringify(a)}`;
  };

  const difference = walk(expected, actual, '', undefined);
  if (difference) return { state: 'differs', at: difference };
  if (largest) {
    return {
      state: 'approximate',
      maxDeviation: largest.deviation,
      at: largest.at,
      tippedStatuses,
    };
  }
  return { state: 'equal' };
}

/** A distinct count's tolerance; retained volunteers' from their share of the active ones. */
function countTolerance(key: string, exact: Record<string, unknown>): number {
  if (key !== 'retainedVolunteers') return ESTIMATE_RELATIVE_TOLERANCE;
  const { retainedVolunteers: retained, activeVolunteers: active } = exact;
  // Without the active count beside it, a retention of one half is assumed.
  return intersectionTolerance(
    typeof retained === 'number' && typeof active === 'number' && active > 0
      ? retained / active
      : 0.5,
  );
}

/**
 * For a scorecard line (`{ indicator { code } value … }`) of an indicator computed from
 * estimates, in both answers: the tolerance of its value and attainment, and whether the
 * values differ (then its status may too). Undefined for any other object.
 */
function estimatedLine(
  e: Record<string, unknown>,
  a: Record<string, unknown>,
): { value: Tolerance; attainment: Tolerance; valuesDiffer: boolean } | undefined {
  const code = (line: Record<string, unknown>) =>
    isObject(line.indicator) ? (line.indicator.code as string) : undefined;
  const of = ESTIMATED_INDICATORS.get(code(e) ?? '');
  if (!of || code(a) !== code(e)) return undefined;
  const relative = of(typeof e.value === 'number' ? e.value : 0);
  return {
    // Active volunteers are a count; the other values are shown to the hundredth.
    value: { relative, step: code(e) === 'ACTIVE_VOLUNTEERS' ? 1 : 0.01 },
    attainment: { relative, step: 0.0001 },
    valuesDiffer: typeof e.value === 'number' && typeof a.value === 'number' && e.value !== a.value,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
