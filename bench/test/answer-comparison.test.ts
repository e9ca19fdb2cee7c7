import { describe, expect, it } from 'vitest';
import { firstDifference } from '../measure/firstDifference.ts';

describe('comparing the answers of two gateways', () => {
  it.each([
    [
      'equal objects whatever the key order',
      { a: 1, b: { c: 'x' } },
      { b: { c: 'x' }, a: 1 },
      0,
      undefined,
    ],
    [
      'a different number',
      { agencies: [{ hours: 12 }] },
      { agencies: [{ hours: 13 }] },
      0,
      'agencies[0].hours: 12 ≠ 13',
    ],
    ['a different string', { name: 'SCD' }, { name: 'SEC' }, 0, 'name: "SCD" ≠ "SEC"'],
    ['null against a value', { v: null }, { v: 0 }, 0, 'v: null ≠ 0'],
    ['a list of another length', { list: [1, 2] }, { list: [1] }, 0, 'list: 2 items ≠ 1'],
    ['a list in another order', [1, 2], [2, 1], 0, '[0]: 1 ≠ 2'],
    ['a key in one answer only', { a: 1 }, { a: 1, b: 2 }, 0, 'b: present in one answer only'],
    ['a list against an object', { a: [] }, { a: {} }, 0, 'a: a list and not a list'],
    ['an estimate within the tolerance', { active: 1000 }, { active: 1020 }, 0.03, undefined],
    [
      'an estimate beyond the tolerance',
      { active: 1000 },
      { active: 1040 },
      0.03,
      'active: 1000 ≠ 1040',
    ],
    ['a string is never approximately equal', { id: 'a' }, { id: 'b' }, 0.03, 'id: "a" ≠ "b"'],
  ])('%s', (_, expected, actual, tolerance, difference) => {
    expect(firstDifference(expected, actual, tolerance)).toBe(difference);
  });
});
