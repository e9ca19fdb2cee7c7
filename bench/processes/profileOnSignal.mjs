// Bench only, preloaded with `node --import` into every process the bench starts when it is run
// with --profile: SIGUSR2 starts V8's CPU profiler (the one `node --cpu-prof` uses, sampling
// every millisecond), the next SIGUSR2 stops it and writes
// `$BENCH_PROFILE_DIR/$BENCH_PROFILE_NAME.<n>.cpuprofile` (n = 1, 2, …), so a profile covers one
// measured run exactly, without start-up, module loading or warm-up. Plain JavaScript, so it
// loads into any Node process (Hive Gateway's CLI included) without a TypeScript loader.
import { rename, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME ?? String(process.pid);
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  // One toggle at a time: a signal arriving while the last one is still being handled waits.
  let queue = Promise.resolve();
  const toggle = async () => {
    if (!running) {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 1000 });
      await session.post('Profiler.start');
      running = true;
      return;
    }
    const { profile } = await session.post('Profiler.stop');
    running = false;
    written += 1;
    const file = path.join(dir, `${name}.${written}.cpuprofile`);
    // Written aside, then renamed: the bench reads a file only once it is complete.
    await writeFile(`${file}.part`, JSON.stringify(profile));
    await rename(`${file}.part`, file);
  };
  process.on('SIGUSR2', () => {
    queue = queue.then(toggle).catch((error) => console.error('profileOnSignal:', error));
  });
}
