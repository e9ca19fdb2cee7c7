import { describe, expect, it } from 'vitest';
import {
  emptySketch,
  estimateDistinct,
  estimateIntersection,
  estimateUnion,
  isEmptySketch,
  SKETCH_RELATIVE_ERROR,
  sketchFromRegisters,
  sketchOf,
  sketchRegisterOf,
  unionOfSketches,
} from '../src/sketch/distinctSketch.ts';
import { decodeSketch, encodeSketch } from '../src/sketch/sketchText.ts';
import {
  firstDifference,
  ids,
  randomSketch,
  registerwiseUnion,
  seeded,
  unalignedCopy,
} from './sketchFixtures.ts';

const KEY = 'test-key';

describe('distinct-count sketches', () => {
  it.each([0, 1, 10, 1_000, 5_000, 40_000, 200_000])(
    'estimates %i members within the stated bound (exact or nearly, by linear counting, while small)',
    (count) => {
      const estimate = estimateDistinct(sketchOf(ids(0, count), KEY));
      // Three standard errors: a test that could fail, but not by chance in any run we will see.
      expect(Math.abs(estimate - count)).toBeLessThanOrEqual(
        Math.ceil(count * 3 * SKETCH_RELATIVE_ERROR),
      );
      if (count <= 1_000)
        expect(Math.abs(estimate - count)).toBeLessThanOrEqual(Math.max(1, count * 0.005));
    },
  );

  it('counts a member of two agencies once in their union', () => {
    const scd = sketchOf(ids(0, 3_000), KEY);
    const sec = sketchOf(ids(2_000, 5_000), KEY);
    const union = estimateDistinct(unionOfSketches([scd, sec]));
    expect(Math.abs(union - 5_000)).toBeLessThanOrEqual(5_000 * 3 * SKETCH_RELATIVE_ERROR);
    const both = estimateIntersection(scd, sec);
    expect(Math.abs(both - 1_000)).toBeLessThanOrEqual(60);
  });

  it('is the same sketch whichever order the members come in, and however often', () => {
    const members = ids(0, 500);
    expect(
      firstDifference(
        sketchOf([...members].reverse().concat(members), KEY),
        sketchOf(members, KEY),
      ),
    ).toBe('none');
  });

  it('depends on the key: without it a sketch cannot be probed for a member', () => {
    expect(sketchRegisterOf('V-0000001', 'a')).not.toEqual(sketchRegisterOf('V-0000001', 'b'));
  });

  it.each([
    ['V-0000001', 'k'],
    ['', 'k'],
    ['نورة', 'مفتاح'],
  ])('puts %j in a register 0–16383 with a rank 1–51', (member, key) => {
    const { index, rank } = sketchRegisterOf(member, key);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(16_384);
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(51);
  });

  it('is built from (register, rank) pairs as SQL returns them, the highest rank winning', () => {
    const pairs = ids(0, 200).map((id) => sketchRegisterOf(id, KEY));
    const fromPairs = sketchFromRegisters([...pairs, ...pairs.map((p) => ({ ...p, rank: 1 }))]);
    expect(firstDifference(fromPairs, sketchOf(ids(0, 200), KEY))).toBe('none');
  });

  it('unites and estimates four registers at a time exactly as register by register', () => {
    const random = seeded(20_261_203);
    for (let round = 0; round < 20; round++) {
      const sketches = Array.from({ length: 1 + (round % 5) }, () => randomSketch(random));
      const expected = registerwiseUnion(sketches);
      expect(firstDifference(unionOfSketches(sketches), expected)).toBe('none');
      // A view one byte into a larger buffer cannot be read a word at a time: the same answer.
      const unaligned = sketches.map(unalignedCopy);
      expect(firstDifference(unionOfSketches(unaligned), expected)).toBe('none');
      const estimate = estimateDistinct(expected);
      expect(estimateUnion(sketches)).toBe(estimate);
      expect(estimateUnion(unaligned)).toBe(estimate);
      expect(estimateDistinct(unaligned[0]!)).toBe(estimateDistinct(sketches[0]!));
    }
    expect(estimateUnion([])).toBe(0);
  });

  it('is empty only with no register set, at any place of a word and in unaligned views', () => {
    expect(isEmptySketch(emptySketch())).toBe(true);
    expect(isEmptySketch(decodeSketch(encodeSketch(emptySketch())))).toBe(true);
    expect(isEmptySketch(unalignedCopy(emptySketch()))).toBe(true);
    for (const at of [0, 1, 2, 3, 8_191, 16_383]) {
      const one = sketchFromRegisters([{ index: at, rank: 1 }]);
      expect(isEmptySketch(one), `register ${at}`).toBe(false);
      expect(isEmptySketch(unalignedCopy(one)), `register ${at}, unaligned`).toBe(false);
    }
  });

  it('estimates a union without changing the sketches it unites', () => {
    const random = seeded(7);
    const sketches = [randomSketch(random), randomSketch(random)];
    const copies = sketches.map((sketch) => Uint8Array.from(sketch));
    estimateUnion(sketches);
    estimateIntersection(sketches[0]!, sketches[1]!);
    sketches.forEach((sketch, i) => expect(firstDifference(sketch, copies[i]!)).toBe('none'));
  });
});
