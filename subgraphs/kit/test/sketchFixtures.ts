/** Sketches and sets for the sketch tests, seeded so that a failure can be replayed. */

/** A small seeded generator. */
export const seeded = (seed: number) => () =>
  (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

/** Volunteer ids `from` … `to` − 1. */
export const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `V-${String(from + i).padStart(7, '0')}`);

/** Random registers 0 … 51, most of them used: far more spread than any real set gives. */
export const randomSketch = (random: () => number) =>
  Uint8Array.from({ length: 16_384 }, () => (random() < 0.2 ? 0 : 1 + Math.floor(random() * 51)));

/**
 * Registers as a real set leaves them: each empty with probability `empty`, else `base` plus a
 * geometric rank (one more than the leading zeros of a random number), capped at 51.
 */
export const realisticSketch = (random: () => number, base: number, empty: number) =>
  Uint8Array.from({ length: 16_384 }, () => {
    if (random() < empty) return 0;
    let rank = base + 1;
    while (random() < 0.5 && rank < 51) rank += 1;
    return rank;
  });

/** The union of `sketches` register by register: the reference the fast ways must equal. */
export const registerwiseUnion = (sketches: readonly Uint8Array[]) => {
  const union = new Uint8Array(16_384);
  for (const sketch of sketches)
    sketch.forEach((rank, i) => (union[i] = Math.max(union[i]!, rank)));
  return union;
};

/** A copy of `sketch` one byte into a larger buffer: a view that cannot be read a word at a time. */
export const unalignedCopy = (sketch: Uint8Array) => {
  const buffer = new Uint8Array(sketch.length + 1);
  buffer.set(sketch, 1);
  return buffer.subarray(1);
};

/**
 * Where two register arrays first differ, or 'none'. `toEqual` walks 16,384 registers as generic
 * object properties, which made the union and text tests take 18 s; this says as much in a
 * failure (`expect(...).toBe('none')` prints the place and both values) in milliseconds.
 */
export const firstDifference = (actual: ArrayLike<number>, expected: ArrayLike<number>) => {
  if (actual.length !== expected.length)
    return `length ${actual.length}, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++)
    if (actual[i] !== expected[i]) return `register ${i}: ${actual[i]}, expected ${expected[i]}`;
  return 'none';
};
