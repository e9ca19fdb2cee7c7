import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeSketch, encodeSketch, estimateUnion, sketchOf } from '@sahem/kit';
import {
  DECODED_SKETCHES_KEPT,
  endMerge,
  mergeField,
  type MergeContext,
} from '../src/agencies/mergeAnswers.ts';
import { SketchArena } from '../src/agencies/SketchArena.ts';
import { mergeContext } from './support/mergeContext.ts';

const KEY = 'arena-test';
const ids = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `V-${from + i}`);
const sketch = (from: number, to: number) => sketchOf(ids(from, to), KEY);

/** The process's arena, and that nothing holds it: lent and given back straight away. */
function processArena(): SketchArena {
  const arena = SketchArena.lend();
  arena.giveBack();
  return arena;
}

describe('the sketch arena', () => {
  it('lends the process arena to one merge at a time, and a new one to a merge beside it', () => {
    const first = processArena();
    const lent = SketchArena.lend();
    expect(lent).toBe(first);
    const beside = SketchArena.lend();
    expect(beside).not.toBe(first);
    beside.giveBack();
    // Giving back an arena of its own does not free the process's.
    expect(SketchArena.lend()).not.toBe(first);
    lent.giveBack();
    expect(SketchArena.lend()).toBe(first);
    first.giveBack();
  });

  it('hands out aligned, separate arrays within a merge and the same ones again after it', () => {
    const arena = SketchArena.lend();
    const taken = Array.from({ length: 130 }, () => arena.take());
    expect(arena.taken).toBe(130);
    expect(arena.slabs).toBe(3);
    taken.forEach((registers, i) => registers.fill(i % 250));
    taken.forEach((registers, i) => {
      expect(registers.length).toBe(16_384);
      expect(registers.byteOffset % 4).toBe(0);
      expect(registers.every((rank) => rank === i % 250)).toBe(true);
    });
    arena.giveBack();
    const again = SketchArena.lend();
    // Compared as a boolean: a failing toBe would print two mebibytes.
    expect(again.take().buffer === taken[0]!.buffer).toBe(true);
    again.giveBack();
  });

  it('keeps 8 slabs after a large merge and lets the rest go', () => {
    const arena = SketchArena.lend();
    for (let i = 0; i < 64 * 10; i++) arena.take();
    expect(arena.slabs).toBe(10);
    arena.giveBack();
    expect(arena.slabs).toBe(8);
    expect(arena.taken).toBe(0);
  });
});

describe('merges decoding into the arena', () => {
  const context = () => mergeContext();
  const operation = parse('{ nationalPeriod(period: "2026") { activeVolunteers } }')
    .definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0] as FieldNode;
  const merge = (sets: [number, number][], of: MergeContext) =>
    mergeField(
      'Query',
      field,
      sets.map(([from, to]) => ({
        activeVolunteers: to - from,
        sahem__sk_activeVolunteersSketch: encodeSketch(sketch(from, to)),
      })),
      of,
    ) as { activeVolunteers: number };

  it('holds the arena until the merge ends, then gives it back', () => {
    const arena = processArena();
    const merging = context();
    merge(
      [
        [0, 3_000],
        [2_000, 9_000],
      ],
      merging,
    );
    expect(SketchArena.lend()).not.toBe(arena);
    endMerge(merging);
    expect(processArena()).toBe(arena);
    // Ending it again, or a merge that decoded nothing, changes nothing.
    endMerge(merging);
    endMerge(context());
    expect(processArena()).toBe(arena);
  });

  it('gives the arena back once its task is done, even if nobody ends the merge', async () => {
    const arena = processArena();
    merge(
      [
        [0, 3_000],
        [2_000, 9_000],
      ],
      context(),
    );
    const beside = SketchArena.lend();
    expect(beside).not.toBe(arena);
    beside.giveBack();
    await Promise.resolve();
    expect(processArena()).toBe(arena);
  });

  it('counts each merge from its own sketches, whatever the one before left in the arrays', () => {
    // A large merge fills the arrays with high ranks; the small one after reuses them.
    const sets: [number, number][][] = [
      [
        [0, 60_000],
        [30_000, 90_000],
        [80_000, 120_000],
      ],
      [
        [0, 40],
        [20, 70],
      ],
      [
        [5, 6],
        [500, 900],
        [0, 300],
      ],
    ];
    for (const of of sets) {
      const merging = context();
      const { activeVolunteers } = merge(of, merging);
      endMerge(merging);
      const fresh = of.map(([from, to]) => decodeSketch(encodeSketch(sketch(from, to))));
      expect(activeVolunteers).toBe(estimateUnion(fresh));
    }
  });

  it('decodes a large breakdown in at most 1,024 arrays, each cell counted from its own sketches', () => {
    const cells = 600;
    const breakdown = parse(
      '{ nationalPeriod(period: "2026") { breakdown(by: [GENDER]) { gender activeVolunteers } } }',
    ).definitions[0] as OperationDefinitionNode;
    // Instance 0's cell i holds volunteers 20i … 20i + 9, instance 1's 20i + 5 … 20i + 14.
    const cell = (i: number, shift: number) => ({
      gender: `G${i}`,
      activeVolunteers: 10,
      suppressed: false,
      sahem__key: `GENDER=G${i}`,
      sahem__count: 10,
      sahem__sk_activeVolunteersSketch: encodeSketch(sketch(20 * i + shift, 20 * i + shift + 10)),
    });
    const answers = [0, 5].map((shift) => ({
      breakdown: Array.from({ length: cells }, (_, i) => cell(i, shift)),
    }));
    const arena = processArena();
    const merging = context();
    const merged = mergeField(
      'Query',
      breakdown.selectionSet.selections[0] as FieldNode,
      answers,
      merging,
    ) as { breakdown: { gender: string; activeVolunteers: number }[] };
    expect(arena.taken).toBe(DECODED_SKETCHES_KEPT);
    endMerge(merging);
    expect(merged.breakdown).toHaveLength(cells);
    for (const { gender, activeVolunteers } of merged.breakdown) {
      const i = Number(gender.slice(1));
      const fresh = [0, 5].map((shift) => sketch(20 * i + shift, 20 * i + shift + 10));
      expect(activeVolunteers, gender).toBe(estimateUnion(fresh));
    }
  });
});
