import { describe, expect, it } from 'vitest';
import { emptySketch, estimateDistinct, sketchOf } from '../src/sketch/distinctSketch.ts';
import { spreadNibbles } from '../src/sketch/registerWords.ts';
import { decodeSketch, encodeSketch } from '../src/sketch/sketchText.ts';
import {
  firstDifference,
  ids,
  randomSketch,
  realisticSketch,
  seeded,
  unalignedCopy,
} from './sketchFixtures.ts';

const KEY = 'test-key';
const base64url = (bytes: number[] | Uint8Array) => Buffer.from(bytes).toString('base64url');
/** The byte form's base64url: every register `fill`, one set apart. */
const bytesText = (fill: number, apart?: { at: number; rank: number }) => {
  const bytes = Buffer.alloc(16_384, fill);
  if (apart) bytes[apart.at] = apart.rank;
  return bytes.toString('base64url');
};
/**
 * A nibble form's bytes: every nibble `fill` but those of `nibbles` (index → nibble), the base,
 * then the exceptions as given (index, rank).
 */
const nibbleBytes = (
  base: number,
  fill = 0,
  nibbles: [number, number][] = [],
  exceptions: [number, number][] = [],
) => {
  const bytes = Buffer.alloc(8_192, fill * 0x11);
  for (const [index, nibble] of nibbles) {
    const shift = (index & 1) * 4;
    bytes[index >> 1] = (bytes[index >> 1]! & ~(0xf << shift)) | (nibble << shift);
  }
  const tail = exceptions.flatMap(([index, rank]) => [index >> 8, index & 0xff, rank]);
  return Buffer.concat([bytes, Buffer.from([base, ...tail])]);
};
const nibbleText = (...args: Parameters<typeof nibbleBytes>) =>
  `hll1n:${base64url(nibbleBytes(...args))}`;
const formOf = (text: string) => text.slice(0, text.indexOf(':') + 1);

describe('distinct-count sketches as text', () => {
  it('travels sparse while small, three bytes a used register', () => {
    const sketch = sketchOf(ids(0, 300), KEY);
    const text = encodeSketch(sketch);
    expect(text).toMatch(/^hll1:[\w-]*$/);
    expect(Buffer.from(text.slice(5), 'base64url').length).toBeLessThanOrEqual(300 * 3);
    expect(firstDifference(decodeSketch(text), sketch)).toBe('none');
    expect(encodeSketch(emptySketch())).toBe('hll1:');
    expect(estimateDistinct(decodeSketch('hll1:'))).toBe(0);
  });

  it('travels as nibbles once a sixth of the registers are used: half the text of a byte each', () => {
    expect(formOf(encodeSketch(sketchOf(ids(0, 2_000), KEY)))).toBe('hll1:');
    for (const count of [5_000, 50_000, 300_000]) {
      const sketch = sketchOf(ids(0, count), KEY);
      const text = encodeSketch(sketch);
      expect(text).toMatch(/^hll1n:[\w-]*$/);
      // 8,193 bytes in base64url are 10,924 characters; a real set has a handful of exceptions.
      expect(text.length - 'hll1n:'.length).toBeGreaterThanOrEqual(10_924);
      expect(text.length - 'hll1n:'.length).toBeLessThanOrEqual(10_924 + 4 * 12);
      expect(firstDifference(decodeSketch(text), sketch)).toBe('none');
    }
  });

  it('round-trips sketches of every shape in the shortest of the three forms', () => {
    const random = seeded(20_261_203);
    const shapes = [
      ...[0, 0.3, 0.7, 0.9, 0.99].map((empty) => realisticSketch(random, 0, empty)),
      ...[1, 5, 20, 36, 37, 45, 50].map((base) => realisticSketch(random, base, 0)),
      randomSketch(random),
    ];
    for (const sketch of shapes) {
      const text = encodeSketch(sketch);
      expect(firstDifference(decodeSketch(text), sketch)).toBe('none');
      const used = sketch.filter((rank) => rank > 0).length;
      const base = Math.min(36, ...sketch);
      const exceptions = sketch.filter((rank) => rank > base + 15).length;
      const bytes = Buffer.from(text.slice(formOf(text).length), 'base64url').length;
      expect(bytes).toBe(Math.min(3 * used, 8_193 + 3 * exceptions, 16_384));
    }
    // Registers spread across all 51 ranks: the byte form is the shortest, and still read.
    expect(formOf(encodeSketch(randomSketch(random)))).toBe('hll1d:');
  });

  it('decodes into given registers, every one written over whatever was there', () => {
    const random = seeded(20_261_204);
    const into = new Uint8Array(new ArrayBuffer(3 * 16_384), 16_384, 16_384);
    const shapes = [
      emptySketch(),
      sketchOf(ids(0, 300), KEY),
      realisticSketch(random, 0, 0.3),
      realisticSketch(random, 36, 0),
      randomSketch(random),
    ];
    const texts = shapes.map((sketch) => encodeSketch(sketch));
    expect(new Set(texts.map(formOf))).toEqual(new Set(['hll1:', 'hll1n:', 'hll1d:']));
    for (const [i, text] of texts.entries()) {
      // 255 is no rank: a register left unwritten would show.
      into.fill(255);
      expect(decodeSketch(text, into)).toBe(into);
      expect(firstDifference(into, shapes[i]!)).toBe('none');
    }
    // Nothing outside the registers given is touched.
    const whole = new Uint8Array(into.buffer);
    expect(whole.subarray(0, 16_384).every((byte) => byte === 0)).toBe(true);
    expect(whole.subarray(32_768).every((byte) => byte === 0)).toBe(true);
  });

  it.each([
    ['too short', new Uint8Array(16_383)],
    ['not at a multiple of 4 bytes', new Uint8Array(new ArrayBuffer(16_388), 1, 16_384)],
  ])('refuses registers %s to decode into', (_, into) => {
    expect(() => decodeSketch('hll1:', into)).toThrow(RangeError);
  });

  it('refuses text longer than any sketch before decoding it', () => {
    // 57,345 bytes (every register an exception) is the most; three bytes more is too many.
    const longest = `hll1:${base64url(Buffer.alloc(57_345 + 3))}`;
    expect(() => decodeSketch(longest)).toThrow(/at most 57345 bytes/);
  });

  it('reads exceptions at every place of a four-register word, up to the highest rank', () => {
    for (const at of [0, 1, 2, 3, 8_191, 16_380, 16_383]) {
      const registers = decodeSketch(nibbleText(2, 3, [[at, 15]], [[at, 51]]));
      expect(registers[at]).toBe(51);
      expect(registers.filter((rank) => rank === 5).length).toBe(16_383);
    }
    // An escape nibble without an exception is the base plus 15.
    expect(firstDifference(decodeSketch(nibbleText(36, 15)), new Uint8Array(16_384).fill(51))).toBe(
      'none',
    );
  });

  it('spreads nibbles eight at a time exactly as byte by byte, in place', () => {
    const random = seeded(42);
    const nibbles = Uint8Array.from({ length: 8_192 }, () => Math.floor(random() * 256));
    for (const base of [0, 7, 36]) {
      const expected = Uint8Array.from({ length: 16_384 }, (_, i) => {
        const byte = nibbles[i >> 1]!;
        return base + (i & 1 ? byte >> 4 : byte & 0xf);
      });
      const words = new Uint8Array(16_384);
      words.set(nibbles, 8_192);
      spreadNibbles(words, base);
      expect(firstDifference(words, expected)).toBe('none');
      // A view one byte into a larger buffer cannot be read a word at a time: byte by byte.
      const bytes = unalignedCopy(new Uint8Array(16_384));
      bytes.set(nibbles, 8_192);
      spreadNibbles(bytes, base);
      expect(firstDifference(bytes, expected)).toBe('none');
    }
  });

  it('reads the byte form, a byte a register, which instances of the previous release send', () => {
    const dense = sketchOf(ids(0, 50_000), KEY);
    expect(firstDifference(decodeSketch(`hll1d:${base64url(dense)}`), dense)).toBe('none');
    for (const at of [0, 1, 2, 3, 16_380, 16_383]) {
      const registers = decodeSketch(`hll1d:${bytesText(50, { at, rank: 51 })}`);
      expect(registers[at]).toBe(51);
      expect(registers.filter((rank) => rank === 50).length).toBe(16_383);
    }
  });

  const nibbles = base64url(nibbleBytes(0, 1));
  it.each([
    ['another format', 'xyz:AAAA'],
    ['a cut register', 'hll1:AAE'],
    ['a register out of range', `hll1:${base64url([0xff, 0xff, 1])}`],
    ['a rank of 0', `hll1:${base64url([0, 1, 0])}`],
    ['a rank above 51', `hll1:${base64url([0, 1, 52])}`],
    ['a sparse sketch padded', `hll1:${base64url([0, 1, 1, 0])}==`],
    ['a byte sketch cut short', `hll1d:${base64url(Buffer.alloc(16_383, 1))}`],
    ['a byte sketch too long', `hll1d:${base64url(Buffer.alloc(16_385, 1))}`],
    ['a byte rank above 51', `hll1d:${bytesText(52)}`],
    ['a byte sketch padded with other text', `hll1d:${bytesText(1)}!!`],
    // Buffer's decoder skips what is not base64 and reads `+` and `/` as base64's.
    ['a byte sketch with a character skipped', `hll1d:*${bytesText(1).slice(1)}`],
    ['a byte sketch with a base64 `+`', `hll1d:+${bytesText(1).slice(1)}`],
    ['a byte sketch with a base64 `/`', `hll1d:${bytesText(1).slice(0, -1)}/`],
    [
      'a byte sketch with whitespace',
      `hll1d:${bytesText(1).slice(0, 100)} ${bytesText(1).slice(101)}`,
    ],
    ...[0, 1, 2, 3, 16_383].flatMap((at) =>
      [52, 127, 128, 255].map((rank) => [
        `a byte rank of ${rank} at register ${at}`,
        `hll1d:${bytesText(51, { at, rank })}`,
      ]),
    ),
    ['nibbles without their base', `hll1n:${base64url(Buffer.alloc(8_192))}`],
    [
      'nibbles with a cut exception',
      `hll1n:${base64url(nibbleBytes(0, 15, [], [[5, 30]]).subarray(0, 8_195))}`,
    ],
    ['nibbles with a base above 36', nibbleText(37)],
    ['nibbles with a character skipped', `hll1n:*${nibbles.slice(1)}`],
    ['nibbles with a base64 `+`', `hll1n:+${nibbles.slice(1)}`],
    ['nibbles with whitespace', `hll1n:${nibbles.slice(0, 9)}\n${nibbles.slice(10)}`],
    ['nibbles padded', `hll1n:${nibbles}=`],
    ['an exception for a nibble under the escape', nibbleText(0, 14, [], [[5, 30]])],
    ['an exception not above the base plus 15', nibbleText(3, 15, [], [[5, 18]])],
    ['an exception above 51', nibbleText(0, 15, [], [[5, 52]])],
    ['an exception out of range', nibbleText(0, 15, [], [[16_384, 30]])],
    [
      'exceptions out of order',
      nibbleText(
        0,
        15,
        [],
        [
          [9, 30],
          [5, 30],
        ],
      ),
    ],
    [
      'an exception given twice',
      nibbleText(
        0,
        15,
        [],
        [
          [5, 30],
          [5, 31],
        ],
      ),
    ],
  ])('refuses %s: a sketch from an instance is checked, not trusted', (_, text) => {
    expect(() => decodeSketch(text)).toThrow();
  });
});
