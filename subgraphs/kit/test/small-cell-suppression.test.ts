import { describe, expect, it } from 'vitest';
import { breakdownCellKey, suppressSmallCells } from '../src/breakdowns/suppressSmallCells.ts';

const one = (counts: Record<string, number>) =>
  Object.entries(counts).map(([value, count]) => ({
    key: breakdownCellKey([['GENDER', value]]),
    count,
  }));
const two = (rows: Record<string, Record<string, number>>) =>
  Object.entries(rows).flatMap(([row, columns]) =>
    Object.entries(columns).map(([column, count]) => ({
      key: breakdownCellKey([
        ['AGENCY', row],
        ['REGION', column],
      ]),
      count,
    })),
  );
const names = (keys: Set<string>) => [...keys].map((key) => key.replace(/[A-Z_]+=/g, '')).sort();

describe('small-cell suppression', () => {
  it.each([
    ['nothing below the threshold', { FEMALE: 5, MALE: 9 }, 5, []],
    [
      'one small cell takes the next smallest with it',
      { FEMALE: 4, MALE: 9, UNKNOWN: 7 },
      5,
      ['FEMALE', 'UNKNOWN'],
    ],
    [
      'two small cells protect each other',
      { FEMALE: 2, MALE: 9, UNKNOWN: 1 },
      5,
      ['FEMALE', 'UNKNOWN'],
    ],
    ['ties broken by key', { FEMALE: 1, MALE: 6, UNKNOWN: 6 }, 5, ['FEMALE', 'MALE']],
    ['a line of one cell has nothing to give', { FEMALE: 3 }, 5, ['FEMALE']],
    ['a cell of nobody is no small cell', { FEMALE: 0, MALE: 9, UNKNOWN: 7 }, 5, []],
    ['threshold 1 suppresses nothing', { FEMALE: 1, MALE: 2 }, 1, []],
    ['every cell small', { FEMALE: 1, MALE: 2, UNKNOWN: 3 }, 5, ['FEMALE', 'MALE', 'UNKNOWN']],
  ])('one dimension: %s', (_, counts, threshold, expected) => {
    expect(names(suppressSmallCells(one(counts), threshold))).toEqual(expected);
  });

  it.each([
    [
      'a small cell: the next smallest of its row and of its column, then of theirs',
      // SCD×SA-01 is small; its row gives SCD×SA-02 (6), its column SEC×SA-01 (7); the row SEC
      // and the column SA-02 then hold two each.
      {
        SCD: { 'SA-01': 2, 'SA-02': 6, 'SA-03': 30 },
        SEC: { 'SA-01': 7, 'SA-02': 8, 'SA-03': 40 },
      },
      ['SCD|SA-01', 'SCD|SA-02', 'SEC|SA-01', 'SEC|SA-02'],
      5,
    ],
    [
      'two small cells in one row, each alone in its column',
      { SCD: { 'SA-01': 2, 'SA-02': 3 }, SEC: { 'SA-01': 9, 'SA-02': 10 } },
      ['SCD|SA-01', 'SCD|SA-02', 'SEC|SA-01', 'SEC|SA-02'],
      5,
    ],
    [
      'a missing cell is no cell: a column of one small cell',
      { SCD: { 'SA-01': 2, 'SA-02': 9, 'SA-03': 12 }, SEC: { 'SA-02': 11 } },
      ['SCD|SA-01', 'SCD|SA-02', 'SEC|SA-02'],
      5,
    ],
    [
      'a cell closing a row and a column at once is preferred to a smaller one',
      // SEC's row and SA-01's column each hold one small cell; SEC×SA-01 (5) mends both, so
      // SCD×SA-01 (3, smaller) stays shown.
      { SCD: { 'SA-01': 3 }, SEC: { 'SA-01': 5, 'SA-04': 1 }, SRCA: { 'SA-01': 1 } },
      ['SEC|SA-01', 'SEC|SA-04', 'SRCA|SA-01'],
      3,
    ],
    ['nothing small', { SCD: { 'SA-01': 5 }, SEC: { 'SA-01': 6 } }, [], 5],
  ])('two dimensions: %s', (_, rows, expected, threshold) => {
    expect(names(suppressSmallCells(two(rows), threshold))).toEqual(expected);
  });
});
