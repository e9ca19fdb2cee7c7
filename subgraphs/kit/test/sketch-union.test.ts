import { describe, expect, it } from 'vitest';
import { uniteInJavaScript, uniteSketches, UNITES_WITH_SIMD } from '../src/sketch/uniteSketches.ts';
import {
  firstDifference,
  randomSketch,
  realisticSketch,
  registerwiseUnion,
  seeded,
  unalignedCopy,
} from './sketchFixtures.ts';

describe('uniting sketches', () => {
  it('runs in WebAssembly SIMD on this Node (a module that stopped validating would fall back unseen)', () => {
    expect(UNITES_WITH_SIMD).toBe(true);
  });

  it.each([
    ['WebAssembly', true],
    ['JavaScript', false],
  ])('unites 1–6 sketches in %s exactly as register by register, aligned or not', (_, simd) => {
    const random = seeded(20_261_203);
    for (let round = 0; round < 24; round++) {
      const sketches = Array.from({ length: 1 + (round % 6) }, (_, i) =>
        i % 2 ? randomSketch(random) : realisticSketch(random, round % 4, 0.3),
      );
      const expected = registerwiseUnion(sketches);
      const copies = sketches.map((sketch) => Uint8Array.from(sketch));
      expect(firstDifference(uniteSketches(sketches, simd), expected)).toBe('none');
      expect(firstDifference(uniteSketches(sketches.map(unalignedCopy), simd), expected)).toBe(
        'none',
      );
      // The sketches united are left as they were.
      sketches.forEach((sketch, i) => expect(firstDifference(sketch, copies[i]!)).toBe('none'));
    }
  });

  it('takes the highest rank at every place of a 16-register vector', () => {
    for (const at of [0, 1, 7, 8, 15, 16, 16_368, 16_383]) {
      const low = new Uint8Array(16_384).fill(3);
      const high = new Uint8Array(16_384).fill(2);
      high[at] = 51;
      const union = Uint8Array.from(uniteSketches([low, high]));
      expect(union[at]).toBe(51);
      expect(union.filter((rank) => rank === 3).length).toBe(16_383);
    }
  });

  it('unites in JavaScript four registers at a time where both are aligned, else one by one', () => {
    const random = seeded(5);
    const [a, b] = [randomSketch(random), randomSketch(random)];
    const expected = registerwiseUnion([a, b]);
    const into = Uint8Array.from(a);
    uniteInJavaScript(into, b);
    expect(firstDifference(into, expected)).toBe('none');
    const unaligned = unalignedCopy(a);
    uniteInJavaScript(unaligned, b);
    expect(firstDifference(unaligned, expected)).toBe('none');
  });
});
