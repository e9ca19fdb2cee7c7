// `npm run seed:national [-- --keep] [-- <seed options>]`: the seed at the national size
// (`--scale 44 --history 3`: 220,000 volunteers, 24,288 programs and 6.3 million hour logs)
// on embedded PostgreSQL servers of its own, in a fresh folder under the system's temporary
// directory on free ports, so it never touches `npm start`'s data. It prints what `npm run seed`
// prints (time, peak memory, rows per table), then deletes the data (several GB) unless --keep.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// At scale 40 and history 3 the seed has 5.7 million hour logs: 44 is the first past 6 million.
const NATIONAL = ['--scale', '44', '--history', '3'];

const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const passed = argv.filter((arg) => arg !== '--keep');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahem-national-'));
console.log(`seed:national: data in ${dataDir}${keep ? ' (kept)' : ' (deleted at the end)'}`);

// Options given later win over the national size (`-- --history 1` for 2 million hour logs).
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(ROOT, 'scripts', 'seed.ts'), ...NATIONAL, ...passed],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      // Its own servers always: a database URL in the environment is not for this run.
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !name.endsWith('_DATABASE_URL')),
      ),
      SAHEM_DATA_DIR: dataDir,
      // Port 0: free ports, so it runs beside `npm start` and other seeds.
      VOLUNTEERS_PG_PORT: '0',
      PROGRAMS_PG_PORT: '0',
      INDICATORS_PG_PORT: '0',
    },
  },
);
// Ctrl-C reaches the child too (same process group); this process waits for it to clean up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);
const code = await new Promise<number>((resolve) =>
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 130 : 1))),
);
if (!keep) await rm(dataDir, { recursive: true, force: true });
process.exit(code);
