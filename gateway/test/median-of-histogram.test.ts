import { describe, expect, it } from 'vitest';
import { medianOfHistogram } from '../src/agencies/medianOfHistogram.ts';

describe('medianOfHistogram', () => {
  it.each<[string, { value?: unknown; count?: unknown }[], number | null]>([
    ['nothing counted', [], null],
    ['one value', [{ value: 7, count: 1 }], 7],
    [
      'odd count: the middle value',
      [
        { value: 0, count: 2 },
        { value: 5, count: 1 },
      ],
      0,
    ],
    [
      'even count: the mean of the two middle values',
      [
        { value: 1, count: 1 },
        { value: 4, count: 1 },
      ],
      2.5,
    ],
    [
      'buckets of one value from several instances summed, in any order',
      [
        { value: 10, count: 1 },
        { value: 2, count: 1 },
        { value: 10, count: 2 },
      ],
      10,
    ],
    ['the two middle values in one bucket', [{ value: 3, count: 4 }], 3],
    [
      'buckets that are not numbers ignored',
      [
        { value: '9', count: 5 },
        { value: 2, count: -1 },
        { value: 1, count: 1 },
      ],
      1,
    ],
  ])('%s', (_, buckets, expected) => {
    expect(medianOfHistogram(buckets)).toBe(expected);
  });
});
