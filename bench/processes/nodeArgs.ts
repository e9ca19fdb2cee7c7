import { fileURLToPath } from 'node:url';

/** `--profile`: where the CPU profiles of the measured runs go. */
export interface ProfileOptions {
  dir: string;
}

const PRELOAD = fileURLToPath(new URL('./profileOnSignal.mjs', import.meta.url));

/** Node's arguments before the entry point of a process the bench starts: the profiler toggle when profiling. */
export function nodeArgs(profile: ProfileOptions | undefined): string[] {
  return profile ? ['--import', PRELOAD] : [];
}
