import { SKETCH_REGISTERS, type SketchRegisters } from '@sahem/kit';

/** Register arrays cut from one slab: 64 × 16 KiB, a mebibyte. */
const SLAB_SKETCHES = 64;
/**
 * Slabs the process keeps between merges: 8 MiB, room for a national scorecard's sketches of
 * four instances (about 170) several times over; a larger merge's extra slabs are let go.
 */
const KEPT_SLABS = 8;

/**
 * Register arrays for the sketches one merge decodes, cut from a few large buffers and all
 * taken back when the merge ends. A national scorecard decodes about 170 sketches of 16 KiB;
 * decoded each into an array of its own they were most of the garbage whose collection was a
 * quarter of the per-agency gateway's time (docs/performance.md, section 12).
 *
 * The process's arena is lent to one merge at a time, and its arrays are written over by the
 * next: only the merge that took them may read them, until it gives them back. A merge is
 * synchronous (it starts once every instance has answered), so merges never overlap today; if
 * one were lent while another holds it, the second gets an arena of its own rather than arrays
 * the first is still reading.
 */
export class SketchArena {
  static readonly #process = new SketchArena();
  static #lent = false;

  /** The process's arena, or a new one while a merge holds it; give it back when the merge ends. */
  static lend(): SketchArena {
    if (SketchArena.#lent) return new SketchArena();
    SketchArena.#lent = true;
    return SketchArena.#process;
  }

  readonly #slabs: ArrayBuffer[] = [];
  /** Arrays handed out since the merge began. */
  #taken = 0;

  /** Arrays taken since this arena was lent. */
  get taken(): number {
    return this.#taken;
  }

  /** Slabs held, kept or not (at most {@link KEPT_SLABS} once given back). */
  get slabs(): number {
    return this.#slabs.length;
  }

  /**
   * A register array of this merge, 4-byte aligned, holding whatever an earlier merge left
   * there: for `decodeSketch(text, into)`, which writes every register.
   */
  take(): SketchRegisters {
    const slab = Math.floor(this.#taken / SLAB_SKETCHES);
    if (slab === this.#slabs.length) {
      this.#slabs.push(new ArrayBuffer(SLAB_SKETCHES * SKETCH_REGISTERS));
    }
    const offset = (this.#taken % SLAB_SKETCHES) * SKETCH_REGISTERS;
    this.#taken += 1;
    return new Uint8Array(this.#slabs[slab]!, offset, SKETCH_REGISTERS);
  }

  /** Ends the merge: every array it took may be handed out again, and is no longer its to read. */
  giveBack(): void {
    this.#taken = 0;
    this.#slabs.length = Math.min(this.#slabs.length, KEPT_SLABS);
    if (this === SketchArena.#process) SketchArena.#lent = false;
  }
}
