import { describe, expect, it } from 'vitest';
import {
  decodeSketch,
  emptySketch,
  encodeSketch,
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

const KEY = 'test-key';
/** A copy of `sketch` one byte into a larger buffer: a view that cannot be read a word at a time. */
const unalignedCopy = (sketch: Uint8Array) => {
  const buffer = new Uint8Array(16_385);
  buffer.set(sketch, 1);
  return buffer.subarray(1);
};
/** A dense sketch's base64url: every register `fill`, one set apart. */
const denseText = (fill: number, apart?: { at: number; rank: number }) => {
  const bytes = Buffer.alloc(16_384, fill);
  if (apart) bytes[apart.at] = apart.rank;
  return bytes.toString('base64url');
};
/** Random registers 0 … 51, most of them used, as a national sketch has them. */
const randomSketch = (random: () => number) =>
  Uint8Array.from({ length: 16_384 }, () => (random() < 0.2 ? 0 : 1 + Math.floor(random() * 51)));
/** A small seeded generator, so that a failure can be replayed. */
const seeded = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
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
    // Buffer's decoder skips what is not base64 and reads `+` and `/` as base64's.
    ['a dense sketch with a character skipped', `hll1d:*${denseText(1).slice(1)}`],
    ['a dense sketch with a base64 `+`', `hll1d:+${denseText(1).slice(1)}`],
    ['a dense sketch with a base64 `/`', `hll1d:${denseText(1).slice(0, -1)}/`],
    [
      'a dense sketch with whitespace',
      `hll1d:${denseText(1).slice(0, 100)} ${denseText(1).slice(101)}`,
    ],
    ...[0, 1, 2, 3, 16_383].flatMap((at) =>
      [52, 127, 128, 255].map((rank) => [
        `a dense rank of ${rank} at register ${at}`,
        `hll1d:${denseText(51, { at, rank })}`,
      ]),
    ),
  ])('refuses %s: a sketch from an instance is checked, not trusted', (_, text) => {
    expect(() => decodeSketch(text)).toThrow();
  });

  it('reads a dense rank of 51, the highest, at every place of a four-register word', () => {
    for (const at of [0, 1, 2, 3, 16_380, 16_383]) {
      const registers = decodeSketch(`hll1d:${denseText(50, { at, rank: 51 })}`);
      expect(registers[at]).toBe(51);
      expect(registers.filter((rank) => rank === 50).length).toBe(16_383);
    }
  });

  it('unites and estimates four registers at a time exactly as register by register', () => {
    const random = seeded(20_261_203);
    for (let round = 0; round < 20; round++) {
      const sketches = Array.from({ length: 1 + (round % 5) }, () => randomSketch(random));
      // Register by register, the reference the word-wise code must equal.
      const expected = new Uint8Array(16_384);
      for (const sketch of sketches) {
        sketch.forEach((rank, i) => (expected[i] = Math.max(expected[i]!, rank)));
      }
      expect(unionOfSketches(sketches)).toEqual(expected);
      // A view one byte into a larger buffer cannot be read a word at a time: the same answer.
      const unaligned = sketches.map(unalignedCopy);
      expect(unionOfSketches(unaligned)).toEqual(expected);
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
    expect(sketches).toEqual(copies);
  });
});
