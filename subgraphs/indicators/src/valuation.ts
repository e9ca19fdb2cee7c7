/** One rate of a valuation table. */
export interface Rate {
  majorGroup: string;
  hourlyWageSar: number;
}

/** A valuation table as the computation needs it. */
export interface Valuation {
  version: string;
  method: string;
  effectiveFrom: Date;
  defaultRate: number;
  rates: readonly Rate[];
}

export interface SkillHours {
  skillCode: string;
  hours: number;
}

/** The replacement-cost value of a set of hours, with its parts. */
export interface EconomicValueModel {
  sar: number;
  hoursValued: number;
  method: string;
  tableVersion: string;
  bySkill: {
    skillCode: string;
    majorGroup: string;
    hours: number;
    hourlyWageSar: number;
    sar: number;
    defaultRate: boolean;
  }[];
}

/** SAR to the halala; hours to the hundredth. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The replacement-cost method (ILO Manual on the Measurement of Volunteer Work): every verified
 * hour is valued at the hourly wage of the occupation it was given in, here the ISCO-08 major
 * group of the skill exercised (the first digit of its code). A group without a rate gets the
 * table's default rate, and each line says so.
 */
export function valueHours(
  hoursBySkill: readonly SkillHours[],
  table: Valuation,
): EconomicValueModel {
  const rates = new Map(table.rates.map((rate) => [rate.majorGroup, rate.hourlyWageSar]));
  const bySkill = [...hoursBySkill]
    .sort((a, b) => a.skillCode.localeCompare(b.skillCode))
    .map(({ skillCode, hours }) => {
      const majorGroup = skillCode.charAt(0);
      const rate = rates.get(majorGroup);
      const hourlyWageSar = rate ?? table.defaultRate;
      return {
        skillCode,
        majorGroup,
        hours,
        hourlyWageSar,
        sar: round2(hours * hourlyWageSar),
        defaultRate: rate === undefined,
      };
    });
  return {
    // Summing unrounded products, then rounding once, keeps the total exact to the halala.
    sar: round2(bySkill.reduce((total, line) => total + line.hours * line.hourlyWageSar, 0)),
    hoursValued: round2(bySkill.reduce((total, line) => total + line.hours, 0)),
    method: table.method,
    tableVersion: table.version,
    bySkill,
  };
}

/**
 * The table in force on `day`: the newest one effective on or before it. Before the first
 * table, the first table is used (its version is reported, so the choice is visible).
 */
export function tableInForce<T extends { effectiveFrom: Date }>(
  tables: readonly T[],
  day: Date,
): T | undefined {
  const byDate = [...tables].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  return byDate.filter((table) => table.effectiveFrom <= day).at(-1) ?? byDate[0];
}
