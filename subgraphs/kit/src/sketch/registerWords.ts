/**
 * Helpers that read a sketch's registers a word (four registers) at a time. Kept apart from the
 * kit's exports: they are how the sketch code is fast, not part of what it offers.
 */

/**
 * Words of a sketch: four registers each. The tests made with them are byte-wise and do not
 * depend on byte order; only a view at a byte offset that is a multiple of 4 can be read so.
 */
export const wordsOf = (registers: Uint8Array) =>
  new Uint32Array(registers.buffer, registers.byteOffset, registers.length / 4);

/** Whether `bytes` can be read {@link wordsOf} (Node allocates large buffers aligned). */
export const aligned = (bytes: Uint8Array) => bytes.byteOffset % 4 === 0;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Spreads the nibbles held in the upper half of `registers` over all of it, in place:
 * `registers[i] = base + nibble i`, register 2k's nibble in the low half of byte k of the upper
 * half. Eight registers from each word where the platform is little-endian and the view is
 * aligned, else byte by byte; both run upwards, and never write a byte they have still to read.
 * No rank exceeds 51, so adding the base to each byte of a word never carries into the next.
 */
export function spreadNibbles(registers: Uint8Array, base: number): void {
  const half = registers.length / 2;
  if (LITTLE_ENDIAN && aligned(registers)) {
    const words = wordsOf(registers);
    const bases = base * 0x01010101;
    for (let i = 0; i < words.length / 2; i++) {
      const packed = words[words.length / 2 + i]!;
      // Byte b of `even` is register 2b's rank above the base, of `odd` register 2b + 1's.
      const even = packed & 0x0f0f0f0f;
      const odd = (packed >>> 4) & 0x0f0f0f0f;
      words[2 * i] =
        ((even & 0xff) | ((odd & 0xff) << 8) | ((even & 0xff00) << 8) | ((odd & 0xff00) << 16)) +
        bases;
      words[2 * i + 1] =
        (((even >>> 16) & 0xff) |
          ((odd >>> 8) & 0xff00) |
          ((even >>> 8) & 0xff0000) |
          (odd & 0xff000000)) +
        bases;
    }
    return;
  }
  for (let i = 0; i < half; i++) {
    const byte = registers[half + i]!;
    registers[2 * i] = base + (byte & 0xf);
    registers[2 * i + 1] = base + (byte >> 4);
  }
}
