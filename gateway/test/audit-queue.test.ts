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
const settledCount = async (promises: Promise<unknown>[]) => {
  let settled = 0;
  for (const promise of promises) void promise.then(() => (settled += 1));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return settled;
};

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
    for (const n of range(10)) await q.push(n);
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
    await q.push(1);
    await q.push(2);
    await vi.waitFor(() => expect(writer.written).toEqual([1, 2]));
    await q.stop();
  });

  it('makes a push wait while maxQueue items are held, and loses none (backpressure)', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { maxQueue: 3, batchSize: 2 });
    writer.hold();
    const pushes = range(20).map((n) => q.push(n));
    // Only what fits is accepted while the writer is stuck; the other pushes wait.
    expect(await settledCount(pushes)).toBe(3);
    expect(q.pending).toBe(20);
    writer.release();
    await Promise.all(pushes);
    await q.stop();
    expect(writer.written).toEqual(range(20));
    expect(writer.maxConcurrent).toBe(1);
    expect(Math.max(...writer.batches.map((batch) => batch.length))).toBeLessThanOrEqual(2);
  });

  it('serves waiting pushes first come, first served', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { maxQueue: 1, batchSize: 1 });
    writer.hold();
    const order: number[] = [];
    const pushes = range(6).map((n) => q.push(n).then(() => order.push(n)));
    writer.release();
    await Promise.all(pushes);
    await q.stop();
    expect(order).toEqual(range(6));
    expect(writer.written).toEqual(range(6));
  });

  it('flush() waits for what was pushed before it', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { batchSize: 100, flushIntervalMs: 60_000 });
    for (const n of range(5)) await q.push(n);
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
    for (const n of range(3)) await q.push(n);
    await q.stop();
    expect(batches.flat()).toEqual([0, 1, 2]);
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]![0]).toMatch(/writing 3 records failed.*connection refused/);
  });

  it('stop() writes the waiting pushes too, then refuses new ones', async () => {
    const writer = recordingWriter();
    const q = queue(writer, { maxQueue: 2, batchSize: 2, flushIntervalMs: 60_000 });
    writer.hold();
    const pushes = range(7).map((n) => q.push(n));
    const stopped = q.stop();
    writer.release();
    await stopped;
    await Promise.all(pushes);
    expect(writer.written).toEqual(range(7));
    await expect(q.push(99)).rejects.toThrow(/stopped/);
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
    const pushes = range(4).map((n) => q.push({ n }));
    await expect(q.stop()).rejects.toThrow('4 records could not be written');
    // The requests waiting for room are released rather than left hanging.
    await Promise.all(pushes);
    const lost = log.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('NOT WRITTEN'));
    expect(lost).toEqual(range(4).map((n) => `audit: NOT WRITTEN {"n":${n}}`));
  });
});
