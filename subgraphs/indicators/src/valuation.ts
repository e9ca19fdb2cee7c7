import type { NoFigureReason } from './scorecard.ts';

/** One rate of a valuation table. */
export interface Rate {
  majorGroup: string;
  hourlyWageSar: number;
  /** True where the wage is an assumption rather than a published statistic. */
  isAssumption: boolean;
}

/** A valuation table as the computation needs it. */
export interface Valuation {
  version: string;
  method: string;
  effectiveFrom: Date;
  defaultRate: number;
  defaultRateIsAssumption: boolean;
  rates: readonly Rate[];
}

export interface SkillHours {
  skillCode: string;
  hours: number;
}

/** The replacement-cost value of a set of hours, with its parts; no value without a table. */
export interface EconomicValueModel {
  /** Rounded to the halala, for display. */
  sar: number | null;
  /** The same sum unrounded, which indicators are judged on. */
  exactSar: number | null;
  hoursValued: number;
  method: string | null;
  tableVersion: string | null;
  /** Whether any rate the value rests on is an assumption; null without a value. */
  isAssumption: boolean | null;
  noValueBecause: NoFigureReason | null;
  bySkill: {
    skillCode: string;
    majorGroup: string;
    hours: number;
    hourlyWageSar: number;
    sar: number;
    defaultRate: boolean;
    isAssumption: boolean;
  }[];
}

/** What hours are worth when no valuation table was in force: nothing said, nothing invented. */
const NO_VALUE: EconomicValueModel = {
  sar: null,
  exactSar: null,
  hoursValued: 0,
  method: null,
  tableVersion: null,
  isAssumption: null,
  noValueBecause: 'NO_VALUATION_TABLE',
  bySkill: [],
};

/** SAR to the halala; hours to the hundredth. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The replacement-cost method (ILO Manual on the Measurement of Volunteer Work): every verified
 * hour is valued at the hourly wage of the occupation it was given in, here the ISCO-08 major
 * group of the skill exercised (the first digit of its code). A group without a rate gets the
 * table's default rate, and each line says so. A value is an assumption when any rate it
 * used is one (the default rate included, when the table says so); without a table in force
 * (`undefined`) hours have no value at all rather than one at some other period's wages.
 */
export function valueHours(
  hoursBySkill: readonly SkillHours[],
  table: Valuation | undefined,
): EconomicValueModel {
  if (!table) return NO_VALUE;
  const rates = new Map(table.rates.map((rate) => [rate.majorGroup, rate]));
  const bySkill = [...hoursBySkill]
    .sort((a, b) => a.skillCode.localeCompare(b.skillCode))
    .map(({ skillCode, hours }) => {
      const majorGroup = skillCode.charAt(0);
      const rate = rates.get(majorGroup);
      const hourlyWageSar = rate?.hourlyWageSar ?? table.defaultRate;
      return {
        skillCode,
        majorGroup,
        hours,
        hourlyWageSar,
        sar: round2(hours * hourlyWageSar),
        defaultRate: rate === undefined,
        isAssumption: rate?.isAssumption ?? table.defaultRateIsAssumption,
      };
    });
  // Summing unrounded products, then rounding once, keeps the total exact to the halala.
  const exactSar = bySkill.reduce((total, line) => total + line.hours * line.hourlyWageSar, 0);
  return {
    sar: round2(exactSar),
    exactSar,
    hoursValued: round2(bySkill.reduce((total, line) => total + line.hours, 0)),
    method: table.method,
    tableVersion: table.version,
    isAssumption: bySkill.some((line) => line.isAssumption),
    noValueBecause: null,
    bySkill,
  };
}

/**
 * The table in force on `day`: the newest one effective on or before it. Before the first
 * table there is none: valuing 2019's hours at wages published for 2025 would put a figure
 * on them that nobody set.
 */
export function tableInForce<T extends { effectiveFrom: Date }>(
  tables: readonly T[],
  day: Date,
): T | undefined {
  const byDate = [...tables].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  return byDate.filter((table) => table.effectiveFrom <= day).at(-1);
}
