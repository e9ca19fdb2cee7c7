/** Progress of one seeder, as `SeedOptions.onProgress` reports it. */
export interface SeedProgress {
  phase: string;
  done: number;
  total: number;
}

/** A one-line progress display for several seeders running at once. */
export interface ProgressBar {
  update(seeder: string, progress: SeedProgress): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

/** What the bar shows. */
export interface ProgressBarOptions {
  /** The seeders, in the order they are listed on the line. */
  seeders: readonly string[];
  /**
   * The share of its seeder's work each phase covers, as `[from, to]` in 0–1, so the bar only
   * moves forward across phases. @default every phase covers the whole of its seeder
   */
  phases?: Readonly<Record<string, readonly [number, number]>>;
}

const WIDTH = 24;

/**
 * A `\r`-redrawn bar on `stream` (stderr): the overall share as a bar and percentage, then each
 * seeder's phase and count. Redraws at most every 100 ms on a terminal, every 2 s otherwise,
 * so a log file gets a handful of lines rather than thousands.
 */
export function createProgressBar(
  stream: NodeJS.WriteStream,
  { seeders, phases = {} }: ProgressBarOptions,
): ProgressBar {
  const latest = new Map<string, SeedProgress>();
  const interval = stream.isTTY ? 100 : 2_000;
  let drawnAt = 0;
  let drawnWidth = 0;

  const shareOf = (progress: SeedProgress | undefined) => {
    if (!progress) return 0;
    const [from, to] = phases[progress.phase] ?? [0, 1];
    return from + (to - from) * (progress.total > 0 ? progress.done / progress.total : 1);
  };
  const draw = () => {
    const share =
      seeders.reduce((sum, seeder) => sum + shareOf(latest.get(seeder)), 0) / seeders.length;
    const filled = Math.round(share * WIDTH);
    const counts = seeders.flatMap((seeder) => {
      const progress = latest.get(seeder);
      if (!progress) return [];
      return `${progress.phase} ${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')}`;
    });
    const line = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${counts.join(' · ')}`;
    stream.write(`\r${line.padEnd(drawnWidth)}`);
    drawnWidth = line.length;
    drawnAt = Date.now();
  };

  return {
    update(seeder, progress) {
      latest.set(seeder, progress);
      if (Date.now() - drawnAt >= interval) draw();
    },
    finish() {
      if (latest.size === 0) return;
      draw();
      stream.write('\n');
    },
  };
}
