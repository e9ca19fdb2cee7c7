import { SKETCH_RELATIVE_ERROR } from '@sahem/kit';

/**
 * How far a figure estimated from HyperLogLog sketches may stray from the exact one: three
 * standard errors (3 × 0.81 % ≈ 2.4 %, rounded up to 2.5 %), outside which an estimate of this
 * precision falls about three times in a thousand. Anything further off is a bug, not noise.
 */
export const ESTIMATE_RELATIVE_TOLERANCE = Math.ceil(3 * SKETCH_RELATIVE_ERROR * 1000) / 1000;

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
 * step). Their scorecard `value` and `attainment` carry the estimate's error too.
 */
export const ESTIMATED_INDICATORS: ReadonlySet<string> = new Set([
  'ACTIVE_VOLUNTEERS',
  'AVG_WEEKLY_HOURS',
  'RETENTION_RATE',
  'TEAM_LEAD_RATIO',
]);

/**
 * The smallest difference allowed on a scorecard line's derived figures whatever their size:
 * the step they are rounded to for display (value to the hundredth, attainment to 1/10,000),
 * since two estimates a hair apart may round either way.
 */
const DERIVED_STEP: Readonly<Record<string, number>> = { value: 0.01, attainment: 0.0001 };

/** How two answers compared: the same, the same but for estimates within their error, or not. */
export type AnswerComparison =
  | { state: 'equal' }
  | {
      state: 'approximate';
      /** The largest |actual − expected| ÷ |expected| over the estimates that differ. */
      maxDeviation: number;
      /** Where that largest deviation is, as `[3].nationalPeriod.activeVolunteers: 242 ≠ 243`. */
      at: string;
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
  /** @default ESTIMATE_RELATIVE_TOLERANCE */
  relativeTolerance?: number;
}

/**
 * Compares a target's answers with the reference's. Objects compare by keys, whatever their
 * order (gateways may order fields differently); arrays in order; every leaf exactly, except,
 * with `estimates`, the distinct counts and the scorecard figures derived from them, which may
 * differ by `relativeTolerance` of the exact figure or by their rounding step (1 for a count),
 * whichever is larger. The first difference outside that is reported as `differs`.
 */
export function compareAnswers(
  expected: unknown,
  actual: unknown,
  options: CompareOptions = {},
): AnswerComparison {
  const relative = options.relativeTolerance ?? ESTIMATE_RELATIVE_TOLERANCE;
  let largest: { deviation: number; at: string } | undefined;

  /** The first difference outside what is allowed, recording allowed ones on the way. */
  const walk = (
    e: unknown,
    a: unknown,
    path: string,
    step: number | undefined,
  ): string | undefined => {
    const at = path || '(root)';
    if (typeof e === 'number' && typeof a === 'number') {
      if (e === a) return undefined;
      const shown = `${at}: ${e} ≠ ${a}`;
      if (step === undefined) return shown;
      const difference = Math.abs(a - e);
      // A tiny slack for binary floating point: 0.07 − 0.06 is 0.010000000000000009.
      if (difference > Math.max(relative * Math.abs(e), step) + 1e-9) return shown;
      const deviation = difference / Math.max(Math.abs(e), Number.MIN_VALUE);
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
      const derived =
        options.estimates && isEstimatedIndicatorLine(e) && isEstimatedIndicatorLine(a);
      for (const key of keys) {
        const inner = path ? `${path}.${key}` : key;
        if (!(key in e) || !(key in a)) return `${inner}: present in one answer only`;
        const keyStep = !options.estimates
          ? undefined
          : ESTIMATED_COUNTS.has(key)
            ? 1
            : derived
              ? DERIVED_STEP[key]
              : undefined;
        const found = walk(e[key], a[key], inner, keyStep);
        if (found) return found;
      }
      return undefined;
    }
    return Object.is(e, a) ? undefined : `${at}: ${JSON.stringify(e)} ≠ ${JSON.stringify(a)}`;
  };

  const difference = walk(expected, actual, '', undefined);
  if (difference) return { state: 'differs', at: difference };
  if (largest) return { state: 'approximate', maxDeviation: largest.deviation, at: largest.at };
  return { state: 'equal' };
}

/** A scorecard line (`{ indicator { code } value … }`) of an indicator computed from estimates. */
function isEstimatedIndicatorLine(line: Record<string, unknown>): boolean {
  const indicator = line.indicator;
  return isObject(indicator) && ESTIMATED_INDICATORS.has(indicator.code as string);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
