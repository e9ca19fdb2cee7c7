import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../report/BenchReport.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

// `npm run bench -- --smoke`: the whole bench in miniature (tiny data, half-second runs), as
// CI runs it. It asserts that every gateway answered every workload, correctly and alike, and
// that the report was written; nothing about speed. One programs instance holding every
// agency: with one per agency, scenario 4's distinct counts through Sahem's gateway are
// estimates from sketches, `approximate` rather than `equal` (README, how to read the answer
// check). With `--sql-stats`, each run also names the statements PostgreSQL spent its time on.
describe('npm run bench -- --smoke', () => {
  it('measures every workload through every gateway and writes the report', async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'sahem-bench-smoke-'));
    await run(
      process.execPath,
      [
        ...['--import', 'tsx', 'bench/run.ts', '--smoke', '--agencies', 'shared'],
        ...['--sql-stats', '--out', out],
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 280_000 },
    );
    const files = await readdir(out);
    const base = files.find((file) => file.endsWith('.json'))!.replace(/\.json$/, '');
    expect(files.sort()).toEqual([`${base}.json`, `${base}.md`, `${base}.svg`]);
    const report = JSON.parse(
      await readFile(path.join(out, `${base}.json`), 'utf8'),
    ) as BenchReport;
    const done = report.runs.map((entry) => `${entry.workload} ${entry.target}`);
    const expected = [
      ...['1', '2', '3', '4', 'lookup'].flatMap((workload) =>
        ['sahem', 'apollo', 'hive'].map((target) => `${workload} ${target}`),
      ),
      'lookup direct',
    ];
    expect([...done].sort()).toEqual(expected.sort());
    for (const entry of report.runs) {
      const where = `${entry.workload} through ${entry.target}`;
      expect(entry.answers.state, where).toMatch(/^(reference|equal)$/);
      expect(entry.load.non2xx + entry.load.graphqlErrors + entry.load.transportErrors, where).toBe(
        0,
      );
      expect(entry.load.sent, where).toBeGreaterThan(0);
      expect(entry.cpuMsPerRequest.subgraphs, where).toBeGreaterThan(0);
      expect(entry.sqlPerRequest, where).toBeGreaterThan(0);
      expect(entry.topSql?.length, where).toBeGreaterThan(0);
      for (const stat of entry.topSql!) {
        expect(stat.database, where).toMatch(/^(volunteers|programs\w*|indicators)$/);
        expect(stat.callsPerRequest, where).toBeGreaterThan(0);
      }
    }
    const markdown = await readFile(path.join(out, `${base}.md`), 'utf8');
    expect(markdown).toContain('| 3 ProgramImpact | hive |');
    expect(markdown).toContain('## SQL that took the time (`--sql-stats`)');
    expect(markdown).toContain(`![requests per second and CPU per request](${base}.svg)`);
    expect(await readFile(path.join(out, `${base}.svg`), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  }, 300_000);
});
