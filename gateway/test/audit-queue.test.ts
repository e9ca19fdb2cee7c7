import { describe, expect, it, vi } from 'vitest';
import { createBatchQueue, type BatchQueueOptions } from '../src/audit/createBatchQueue.ts';

/** A writer that records its batches and can be held shut, like a database under a lock. */
function recordingWriter() {
  const batches: number[][] = [];
  let release: () => void = () => undefined;
  let shut: Promise<void> | undefined;
  let maxConcurrent = 0;
  let running = 0;
  return {
    batches,
    get written() {
      return batches.flat();
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    hold() {
      shut = new Promise((resolve) => (release = resolve));
    },
    release() {
      shut = undefined;
      release();
    },
    write: async (batch: readonly number[]) => {
      running += 1;
      maxConcurrent = Math.max(maxConcurrent, running);
      try {
        await shut;
        batches.push([...batch]);
      } finally {
        running -= 1;
      }
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
function queue(
  writer: ReturnType<typeof recordingWriter>,
  options: Partial<BatchQueueOptions<number>> = {},
) {
  return createBatchQueue<number>({ write: writer.write, flushIntervalMs: 20, ...options });
}

describe('the audit queue', () => {
  it('writes a full batch at once and the rest after the flush interval, in order', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { batchSize: 4, flushIntervalMs: 60_000 });
    for (const n of range(10)) q.push(n);
    await vi.waitFor(() =>
      expect(writer.batches).toEqual([
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ]),
    );
    expect(q.pending).toBe(2);
    await q.stop();
    expect(writer.batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(q.pending).toBe(0);
  });

  it('writes a partial batch once the flush interval has passed, without being asked', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { batchSize: 200, flushIntervalMs: 20 });
    q.push(1);
    q.push(2);
    await vi.waitFor(() => expect(writer.written).toEqual([1, 2]));
    await q.stop();
  });

  it('refuses new work once maxQueue items are held, never waits, and loses no item it took', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { maxQueue: 3, batchSize: 2 });
    writer.hold();
    // Work in progress holds its place from the start, so its item is always taken at the end.
    const places = range(5).map(() => q.reserve());
    expect(places).toEqual([true, true, true, false, false]);
    expect(q.stats.refused).toBe(2);
    // Every reserved push is taken at once, even beyond maxQueue: nothing waits for room.
    expect(range(5).map((n) => q.push(n, { reserved: true }))).toEqual(Array(5).fill(true));
    // A push without a place is taken only while there is room.
    expect(q.push(99)).toBe(false);
    expect(q.stats.dropped).toBe(1);
    expect(q.reserve()).toBe(false);
    q.push(5, { reserved: true });
    writer.release();
    await q.stop();
    expect(writer.written).toEqual(range(6));
    expect(writer.maxConcurrent).toBe(1);
    expect(Math.max(...writer.batches.map((batch) => batch.length))).toBeLessThanOrEqual(2);
  });

  it('takes new work again once the writer has caught up', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { maxQueue: 2, batchSize: 1 });
    writer.hold();
    for (const n of range(2)) q.push(n);
    expect(q.reserve()).toBe(false);
    q.push(2, { reserved: true });
    writer.release();
    await q.flush();
    expect(q.reserve()).toBe(true);
    q.push(3, { reserved: true });
    await q.stop();
    expect(writer.written).toEqual(range(4));
  });

  it.each([
    ['one bad item in a batch', [13]],
    ['several bad items', [0, 7, 19]],
    ['a batch of bad items only', range(20)],
  ])('sets aside %s and writes every other item, in order', async (_, bad) => {
    const written: number[] = [];
    const poisoned: number[] = [];
    const q = createBatchQueue<number>({
      batchSize: 8,
      flushIntervalMs: 5,
      isPoison: (error) => (error as Error).message === 'invalid byte sequence',
      onPoison: async (item) => void poisoned.push(item),
      write: async (batch) => {
        if (batch.some((n) => bad.includes(n))) throw new Error('invalid byte sequence');
        written.push(...batch);
      },
    });
    for (const n of range(20)) q.push(n);
    await q.flush();
    expect(written).toEqual(range(20).filter((n) => !bad.includes(n)));
    expect(poisoned).toEqual(bad);
    expect(q.stats.poisoned).toBe(bad.length);
    // The queue kept moving: a later item is written too.
    q.push(100);
    await q.stop();
    expect(written.at(-1)).toBe(100);
  });

  it('flush() waits for what was pushed before it', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { batchSize: 100, flushIntervalMs: 60_000 });
    for (const n of range(5)) q.push(n);
    await q.flush();
    expect(writer.written).toEqual(range(5));
    await q.stop();
  });

  it('keeps a batch whose write failed and writes it once the writer recovers', async () => {
    const log = vi.fn();
    const batches: number[][] = [];
    let failures = 2;
    const q = createBatchQueue<number>({
      flushIntervalMs: 5,
      log,
      write: async (batch) => {
        if (failures-- > 0) throw new Error('connection refused');
        batches.push([...batch]);
      },
    });
    for (const n of range(3)) q.push(n);
    await q.stop();
    expect(batches.flat()).toEqual([0, 1, 2]);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]![0]).toMatch(/writing 3 records failed.*connection refused/);
  });

  it('stop() writes everything taken, then refuses new items', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { maxQueue: 2, batchSize: 2, flushIntervalMs: 60_000 });
    writer.hold();
    for (const n of range(7)) {
      q.reserve();
      q.push(n, { reserved: true });
    }
    const stopped = q.stop();
    writer.release();
    await stopped;
    expect(writer.written).toEqual(range(7));
    expect(q.push(99)).toBe(false);
    await q.stop();
  });

  it('when the writer never recovers, stop() gives up in time and logs every record it holds', async () => {
    const log = vi.fn();
    const q = createBatchQueue<{ n: number }>({
      maxQueue: 2,
      flushIntervalMs: 5,
      stopTimeoutMs: 100,
      log,
      write: async () => {
        throw new Error('database is gone');
      },
    });
    for (const n of range(4)) {
      q.reserve();
      q.push({ n }, { reserved: true });
    }
    await expect(q.stop()).rejects.toThrow('4 records could not be written');
    const lost = log.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('NOT WRITTEN'));
    expect(lost).toEqual(range(4).map((n) => `audit: NOT WRITTEN {"n":${n}}`));
  });
});
