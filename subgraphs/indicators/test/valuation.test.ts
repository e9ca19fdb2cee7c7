import { describe, expect, it } from 'vitest';
import { tableInForce, valueHours, type SkillHours, type Valuation } from '../src/valuation.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const TABLE: Valuation = {
  version: 'T.1',
  method: 'Replacement cost (test table)',
  effectiveFrom: day('2025-01-01'),
  defaultRate: 45,
  defaultRateIsAssumption: true,
  rates: [
    { majorGroup: '1', hourlyWageSar: 150, isAssumption: false },
    { majorGroup: '2', hourlyWageSar: 110, isAssumption: false },
    { majorGroup: '5', hourlyWageSar: 32, isAssumption: true },
    { majorGroup: '9', hourlyWageSar: 20, isAssumption: false },
  ],
};

type Line = [
  skillCode: string,
  majorGroup: string,
  hours: number,
  wage: number,
  sar: number,
  defaultRate: boolean,
  isAssumption: boolean,
];

describe('valuing hours by the replacement-cost method', () => {
  it.each<[string, SkillHours[], number, number, Line[]]>([
    [
      'one skill at its group wage',
      [{ skillCode: '2221', hours: 20.5 }],
      2255,
      20.5,
      [['2221', '2', 20.5, 110, 2255, false, false]],
    ],
    [
      'skills of three groups, each at its own wage, listed by skill code',
      [
        { skillCode: '5411', hours: 100 },
        { skillCode: '2221', hours: 20.5 },
        { skillCode: '1120', hours: 2 },
      ],
      3200 + 2255 + 300,
      122.5,
      [
        ['1120', '1', 2, 150, 300, false, false],
        ['2221', '2', 20.5, 110, 2255, false, false],
        ['5411', '5', 100, 32, 3200, false, true],
      ],
    ],
    [
      'a skill whose group has no rate at the default rate, and says so',
      [
        { skillCode: '7112', hours: 10 },
        { skillCode: '9112', hours: 1 },
      ],
      450 + 20,
      11,
      [
        ['7112', '7', 10, 45, 450, true, true],
        ['9112', '9', 1, 20, 20, false, false],
      ],
    ],
    ['no hours at all', [], 0, 0, []],
    [
      'three lines of 10.004 SAR: each shows 10.00, the total is 30.01 (rounded once)',
      [
        { skillCode: '9121', hours: 0.5002 },
        { skillCode: '9111', hours: 0.5002 },
        { skillCode: '9112', hours: 0.5002 },
      ],
      30.01,
      1.5,
      [
        ['9111', '9', 0.5002, 20, 10, false, false],
        ['9112', '9', 0.5002, 20, 10, false, false],
        ['9121', '9', 0.5002, 20, 10, false, false],
      ],
    ],
    [
      'codes sorted as text, armed forces (0) first',
      [
        { skillCode: '9112', hours: 2 },
        { skillCode: '0110', hours: 1 },
        { skillCode: '2221', hours: 1 },
      ],
      40 + 45 + 110,
      4,
      [
        ['0110', '0', 1, 45, 45, true, true],
        ['2221', '2', 1, 110, 110, false, false],
        ['9112', '9', 2, 20, 40, false, false],
      ],
    ],
  ])('%s', (_, hoursBySkill, sar, hoursValued, lines) => {
    const value = valueHours(hoursBySkill, TABLE);

    expect(value).toEqual({
      sar,
      exactSar: expect.closeTo(sar, 1),
      hoursValued,
      tableVersion: 'T.1',
      method: 'Replacement cost (test table)',
      isAssumption: lines.some((line) => line[6]),
      noValueBecause: null,
      bySkill: lines.map(
        ([skillCode, majorGroup, hours, hourlyWageSar, lineSar, defaultRate, isAssumption]) => ({
          skillCode,
          majorGroup,
          hours,
          hourlyWageSar,
          sar: lineSar,
          defaultRate,
          isAssumption,
        }),
      ),
    });
  });

  it('keeps the unrounded total for the indicators judged on it', () => {
    const value = valueHours(
      ['9111', '9112', '9121'].map((skillCode) => ({ skillCode, hours: 0.5002 })),
      TABLE,
    );

    expect(value.sar).toBe(30.01);
    expect(value.exactSar).toBeCloseTo(30.012, 12);
  });

  it('names the version and method of the table it used', () => {
    const other = { ...TABLE, version: '2031.4', method: 'Generalist wage' };

    const value = valueHours([{ skillCode: '5411', hours: 1 }], other);

    expect(value).toMatchObject({ tableVersion: '2031.4', method: 'Generalist wage' });
  });

  it('leaves the hours it was given in their order', () => {
    const hours = [
      { skillCode: '5411', hours: 1 },
      { skillCode: '2221', hours: 1 },
    ];

    valueHours(hours, TABLE);

    expect(hours.map((line) => line.skillCode)).toEqual(['5411', '2221']);
  });
});

describe('the valuation table in force on a day', () => {
  const tables = [
    { version: '2026.1', effectiveFrom: day('2026-01-01') },
    { version: '2025.1', effectiveFrom: day('2025-01-01') },
    { version: '2026.2', effectiveFrom: day('2026-07-01') },
  ];

  it.each<[string, string | undefined, string]>([
    ['2024-12-31', undefined, 'before the first table, none'],
    ['2019-01-01', undefined, 'years before the first table, none'],
    ['2025-01-01', '2025.1', 'on the first effective date, that table'],
    ['2025-12-31', '2025.1', 'between two tables, the earlier'],
    ['2026-01-01', '2026.1', 'exactly on an effective date, the new table'],
    ['2026-06-30', '2026.1', 'the day before a change, the old table'],
    ['2026-07-01', '2026.2', 'on the latest effective date, the latest table'],
    ['2031-05-05', '2026.2', 'long after, the latest table'],
  ])('on %s it is %s (%s)', (date, version) => {
    expect(tableInForce(tables, day(date))?.version).toBe(version);
  });

  it('is none when no table is published', () => {
    expect(tableInForce([], day('2026-06-30'))).toBeUndefined();
  });
});
