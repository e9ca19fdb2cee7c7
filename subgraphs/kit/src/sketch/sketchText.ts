import {
  emptySketch,
  SKETCH_MAX_RANK,
  SKETCH_REGISTERS,
  type SketchRegisters,
} from './distinctSketch.ts';
import { aligned, spreadNibbles, wordsOf } from './registerWords.ts';

/** Three bytes a used register: a big-endian 16-bit index and an 8-bit rank, in index order. */
const SPARSE_PREFIX = 'hll1:';
/** A byte a register. Read for instances not yet upgraded; written only where it is shortest. */
const BYTES_PREFIX = 'hll1d:';
/** Half a byte a register above a base rank, and the few registers that do not fit. */
const NIBBLES_PREFIX = 'hll1n:';

/** Bytes holding the nibbles: two registers each, the even one in the low half. */
const NIBBLE_BYTES = SKETCH_REGISTERS / 2;
/** The nibble that says "15 or more above the base": an exception gives the rank if more. */
const ESCAPE = 15;
/** The highest base: with it every nibble below the escape still gives a rank of at most 51. */
const MAX_BASE = SKETCH_MAX_RANK - ESCAPE;

/**
 * A sketch as text, for a GraphQL `String`, in whichever of three forms is shortest.
 *
 * - `hll1:` (sparse): the base64url of the used registers, three bytes each. A small set
 *   travels small.
 * - `hll1n:` (nibbles): the base64url of every register as its rank above a base in half a
 *   byte (8,192 bytes), the base (one byte), then, three bytes each as in the sparse form, the
 *   registers 16 or more above it, in index order (a handful in a national year). This is the
 *   form of a national year: 10,924 characters where a byte a register took 21,846. The gateway
 *   parses every instance's sketches of every region (3.7 MB of text a national scorecard, a
 *   byte a register) and collecting that garbage was a quarter of its time. The base is the
 *   idea of Presto's dense HyperLogLog.
 * - `hll1d:` (bytes): a byte a register, 21,846 characters. Only for sketches with so many
 *   registers far above the rest that it is shorter, which real sets do not produce.
 *
 * Instances of an older release send `hll1d:` where this one sends `hll1n:`, and a gateway of an
 * older release cannot read `hll1n:`: upgrade the gateway first (README, "Sketches").
 */
export function encodeSketch(registers: SketchRegisters): string {
  let used = 0;
  let lowest = SKETCH_MAX_RANK;
  for (let i = 0; i < SKETCH_REGISTERS; i++) {
    const rank = registers[i]!;
    if (rank > 0) used += 1;
    if (rank < lowest) lowest = rank;
  }
  const base = Math.min(lowest, MAX_BASE);
  let exceptions = 0;
  for (let i = 0; i < SKETCH_REGISTERS; i++) if (registers[i]! > base + ESCAPE) exceptions += 1;
  const sparse = used * 3;
  const nibbles = NIBBLE_BYTES + 1 + exceptions * 3;
  if (sparse <= nibbles && sparse <= SKETCH_REGISTERS)
    return SPARSE_PREFIX + encodeSparse(registers, used);
  if (nibbles <= SKETCH_REGISTERS) {
    return NIBBLES_PREFIX + encodeNibbles(registers, base, exceptions);
  }
  return (
    BYTES_PREFIX +
    Buffer.from(registers.buffer, registers.byteOffset, SKETCH_REGISTERS).toString('base64url')
  );
}

function encodeSparse(registers: SketchRegisters, used: number): string {
  const bytes = Buffer.alloc(used * 3);
  let offset = 0;
  for (let index = 0; index < SKETCH_REGISTERS; index++) {
    const rank = registers[index]!;
    if (rank === 0) continue;
    offset = writeRegister(bytes, offset, index, rank);
  }
  return bytes.toString('base64url');
}

function encodeNibbles(registers: SketchRegisters, base: number, exceptions: number): string {
  const bytes = Buffer.alloc(NIBBLE_BYTES + 1 + exceptions * 3);
  let offset = NIBBLE_BYTES + 1;
  for (let index = 0; index < SKETCH_REGISTERS; index++) {
    const above = registers[index]! - base;
    bytes[index >> 1]! |= Math.min(above, ESCAPE) << ((index & 1) * 4);
    if (above > ESCAPE) offset = writeRegister(bytes, offset, index, registers[index]!);
  }
  bytes[NIBBLE_BYTES] = base;
  return bytes.toString('base64url');
}

function writeRegister(bytes: Buffer, offset: number, index: number, rank: number): number {
  bytes.writeUInt16BE(index, offset);
  bytes[offset + 2] = rank;
  return offset + 3;
}

/**
 * Reads {@link encodeSketch}'s text into `into` (every register written over), or into a new
 * array; throws on anything else (a sketch is checked, not trusted). `into` is how the gateway
 * decodes hundreds of sketches a merge without a new array each (`gateway/src/agencies/SketchArena.ts`);
 * it must be {@link SKETCH_REGISTERS} long and at a byte offset that is a multiple of 4.
 */
export function decodeSketch(text: string, into?: SketchRegisters): SketchRegisters {
  if (into && (into.length !== SKETCH_REGISTERS || !aligned(into))) {
    throw new RangeError(
      `a sketch is decoded into ${SKETCH_REGISTERS} registers at a 4-byte offset`,
    );
  }
  const registers = into ?? emptySketch();
  if (text.startsWith(NIBBLES_PREFIX)) {
    return decodeNibbles(bytesOfBase64url(text.slice(NIBBLES_PREFIX.length)), registers);
  }
  if (text.startsWith(BYTES_PREFIX)) {
    return decodeBytes(bytesOfBase64url(text.slice(BYTES_PREFIX.length)), registers);
  }
  if (!text.startsWith(SPARSE_PREFIX)) throw new Error('not a Sahem distinct-count sketch (hll1:)');
  return decodeSparse(bytesOfBase64url(text.slice(SPARSE_PREFIX.length)), registers);
}

/**
 * The most bytes a sketch's text holds: the nibble form with every register an exception. The
 * sparse form would need a register given twice to be longer, which the encoder never writes.
 */
const MAX_SKETCH_BYTES = NIBBLE_BYTES + 1 + 3 * SKETCH_REGISTERS;

/**
 * Where every sketch's text is decoded before its registers are written: decoding is
 * synchronous and nothing keeps a view of it, so one buffer serves every decode, and reading a
 * sketch allocates nothing beyond its registers (if those).
 */
const scratch = Buffer.allocUnsafeSlow(MAX_SKETCH_BYTES);

/**
 * The bytes of unpadded base64url text (a view of {@link scratch}, valid until the next decode),
 * refusing any other. Buffer's decoder skips characters outside the base64 alphabets, so text
 * whose length is not exactly that of its bytes' encoding had some (or padding); it also reads
 * `+` and `/` as base64's, which base64url has not.
 */
function bytesOfBase64url(text: string): Buffer {
  if (Math.floor((text.length * 3) / 4) > MAX_SKETCH_BYTES) {
    throw new Error(`a sketch is at most ${MAX_SKETCH_BYTES} bytes`);
  }
  const written = scratch.write(text, 0, 'base64url');
  if (Math.ceil((written * 4) / 3) !== text.length || text.includes('+') || text.includes('/')) {
    throw new Error('a sketch is unpadded base64url');
  }
  return scratch.subarray(0, written);
}

/** The sparse form's registers: three bytes each, the highest rank of an index winning. */
function decodeSparse(bytes: Buffer, registers: SketchRegisters): SketchRegisters {
  if (bytes.length % 3 !== 0) throw new Error('a sketch is a whole number of 3-byte registers');
  registers.fill(0);
  for (let offset = 0; offset < bytes.length; offset += 3) {
    const index = bytes.readUInt16BE(offset);
    const rank = bytes[offset + 2]!;
    if (index >= SKETCH_REGISTERS || rank === 0 || rank > SKETCH_MAX_RANK) {
      throw new Error(`register ${index} with rank ${rank} is not one a sketch can hold`);
    }
    registers[index] = Math.max(registers[index]!, rank);
  }
  return registers;
}

/**
 * The nibble form's registers. The gateway reads hundreds per national scorecard, so the
 * nibbles are copied into the upper half of the registers and spread over them in place.
 */
function decodeNibbles(bytes: Buffer, registers: SketchRegisters): SketchRegisters {
  if (bytes.length <= NIBBLE_BYTES || (bytes.length - NIBBLE_BYTES - 1) % 3 !== 0) {
    throw new Error(`a nibble sketch is ${NIBBLE_BYTES + 1} bytes and 3 a register beyond`);
  }
  const base = bytes[NIBBLE_BYTES]!;
  if (base > MAX_BASE)
    throw new Error(`a nibble sketch's base is at most ${MAX_BASE}, not ${base}`);
  registers.set(bytes.subarray(0, NIBBLE_BYTES), SKETCH_REGISTERS - NIBBLE_BYTES);
  spreadNibbles(registers, base);
  // Every nibble under the escape is a valid rank by the base's bound: only exceptions are checked.
  let previous = -1;
  for (let offset = NIBBLE_BYTES + 1; offset < bytes.length; offset += 3) {
    const index = bytes.readUInt16BE(offset);
    const rank = bytes[offset + 2]!;
    if (
      index <= previous ||
      index >= SKETCH_REGISTERS ||
      registers[index] !== base + ESCAPE ||
      rank <= base + ESCAPE ||
      rank > SKETCH_MAX_RANK
    ) {
      throw new Error(
        `register ${index} with rank ${rank} is not an exception this sketch can hold`,
      );
    }
    registers[index] = rank;
    previous = index;
  }
  return registers;
}

/** The byte form's ranks: exactly one byte a register, each 0 (empty) … 51, checked four at a time. */
function decodeBytes(bytes: Buffer, registers: SketchRegisters): SketchRegisters {
  if (bytes.length !== SKETCH_REGISTERS) {
    throw new Error(`a dense sketch holds ${SKETCH_REGISTERS} registers, not ${bytes.length}`);
  }
  registers.set(bytes);
  if (!ranksInRange(registers)) {
    const index = registers.findIndex((rank) => rank > SKETCH_MAX_RANK);
    throw new Error(`register ${index} with rank ${registers[index]} is not one a sketch can hold`);
  }
  return registers;
}

/**
 * Whether every rank is at most 51, four at a time: a byte under 128 plus 76 reaches 128 exactly
 * when it is over 51, and a byte of 128 or more has its top bit already (a carry it causes into
 * the next byte can only flag a sketch that is invalid anyway).
 */
function ranksInRange(registers: SketchRegisters): boolean {
  const words = wordsOf(registers);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (((word + 0x4c4c4c4c) | word) & 0x80808080) return false;
  }
  return true;
}
