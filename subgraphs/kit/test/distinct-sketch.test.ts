import { describe, expect, it } from 'vitest';
import {
  decodeSketch,
  emptySketch,
  encodeSketch,
  estimateDistinct,
  estimateIntersection,
  SKETCH_RELATIVE_ERROR,
  sketchFromRegisters,
  sketchOf,
  sketchRegisterOf,
  unionOfSketches,
} from '../src/sketch/distinctSketch.ts';

const KEY = 'test-key';
const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `V-${String(from + i).padStart(7, '0')}`);

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
    expect(sketchOf([...members].reverse().concat(members), KEY)).toEqual(sketchOf(members, KEY));
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

  it('travels as text and back unchanged, three bytes a used register', () => {
    const sketch = sketchOf(ids(0, 300), KEY);
    const text = encodeSketch(sketch);
    expect(text).toMatch(/^hll1:[\w-]*$/);
    expect(Buffer.from(text.slice(5), 'base64url').length).toBeLessThanOrEqual(300 * 3);
    expect(decodeSketch(text)).toEqual(sketch);
    expect(encodeSketch(emptySketch())).toBe('hll1:');
    expect(estimateDistinct(decodeSketch('hll1:'))).toBe(0);
  });

  it('travels dense, a byte a register, once a third of the registers are used', () => {
    const sparse = sketchOf(ids(0, 5_000), KEY);
    const dense = sketchOf(ids(0, 50_000), KEY);
    expect(encodeSketch(sparse)).toMatch(/^hll1:[\w-]*$/);
    const text = encodeSketch(dense);
    expect(text).toMatch(/^hll1d:[\w-]*$/);
    // 16,384 bytes in base64url: 21,846 characters, where three bytes a register took 65,536.
    expect(text.length).toBe('hll1d:'.length + 21_846);
    expect(decodeSketch(text)).toEqual(dense);
    expect(estimateDistinct(decodeSketch(text))).toBe(estimateDistinct(dense));
  });

  it('is built from (register, rank) pairs as SQL returns them, the highest rank winning', () => {
    const pairs = ids(0, 200).map((id) => sketchRegisterOf(id, KEY));
    expect(sketchFromRegisters([...pairs, ...pairs.map((p) => ({ ...p, rank: 1 }))])).toEqual(
      sketchOf(ids(0, 200), KEY),
    );
  });

  it.each([
    ['another format', 'xyz:AAAA'],
    ['a cut register', 'hll1:AAE'],
    ['a register out of range', `hll1:${Buffer.from([0xff, 0xff, 1]).toString('base64url')}`],
    ['a rank of 0', `hll1:${Buffer.from([0, 1, 0]).toString('base64url')}`],
    ['a rank above 51', `hll1:${Buffer.from([0, 1, 52]).toString('base64url')}`],
    ['a dense sketch cut short', `hll1d:${Buffer.alloc(16_383, 1).toString('base64url')}`],
    ['a dense sketch too long', `hll1d:${Buffer.alloc(16_385, 1).toString('base64url')}`],
    ['a dense rank above 51', `hll1d:${Buffer.alloc(16_384, 52).toString('base64url')}`],
    [
      'a dense sketch padded with other text',
      `hll1d:${Buffer.alloc(16_384, 1).toString('base64url')}!!`,
    ],
  ])('refuses %s: a sketch from an instance is checked, not trusted', (_, text) => {
    expect(() => decodeSketch(text)).toThrow();
  });
});
