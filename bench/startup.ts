// `npm run bench:startup`: how fast each service starts (wall and CPU time to listening) and
// how much memory it holds, run
// three ways on the same machine in the same run: from the build on a production install
// (`node <dir>/dist/index.js`), under tsx in one process (`node --import tsx`), and as the
// README's old production instructions ran it (`npx tsx`, four processes). Also the sizes
// that matter for images: the production node_modules and the build output. Every process
// talks to a throw-away embedded PostgreSQL on 127.0.0.1 and is stopped at the end.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, migrate, startEmbeddedPostgres } from '@sahem/kit';
import { GATEWAY_MIGRATIONS } from '../gateway/src/audit/openAuditDatabase.ts';
import { buildServices } from '../scripts/build/buildServices.ts';
import { SERVICES, type Service } from '../scripts/build/services.ts';
import { spawnService, type SpawnedService } from '../scripts/build/spawnService.ts';
import { stageBuild } from '../scripts/build/stageBuild.ts';

const RUNS = 3;
const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const work = await mkdtemp(path.join(tmpdir(), 'sahem-startup-'));
const stage = path.join(work, 'stage');
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function du(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', dir]);
  return Number(stdout.split('\t')[0]);
}

/** Resident memory of a process and all its descendants, in bytes. */
async function treeRss(pid: number): Promise<number> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let total = 0;
  for (const member of tree) {
    const status = await readFile(`/proc/${member}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}

/**
 * CPU seconds (user + system) the process tree has used so far: unlike wall time, barely
 * moved by other work on the machine. Linux counts in ticks of 1/100 s (CLK_TCK).
 */
async function treeCpuSeconds(pid: number): Promise<number> {
  let ticks = 0;
  for (const member of await treeProcesses(pid)) {
    const stat = await readFile(`/proc/${member}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state (0), ppid (1), … utime (11), stime (12).
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / 100;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const postgres = await startEmbeddedPostgres({
  dataDir: path.join(work, 'pg'),
  port: 0,
  ephemeral: true,
});
try {
  progress('building and installing for production…');
  const built = await buildServices({ root, outRoot: stage });
  await stageBuild(root, stage, { bundles: false });
  await run(
    'npm',
    ['ci', '--omit=dev', '--omit=optional', '--prefer-offline', '--no-audit', '--no-fund'],
    {
      cwd: stage,
    },
  );
  const beforePrune = await du(path.join(stage, 'node_modules'));
  await run('node', ['scripts/pruneProduction.mjs'], { cwd: stage });
  const sizes = {
    developmentNodeModules: await du(path.join(root, 'node_modules')),
    productionNodeModules: beforePrune,
    productionNodeModulesPruned: await du(path.join(stage, 'node_modules')),
    bundles: Object.fromEntries(built.map((service) => [service.name, service.bytes])),
    buildOutput: (
      await Promise.all(built.map((service) => du(path.dirname(service.outfile))))
    ).reduce((sum, bytes) => sum + bytes, 0),
  };

  // Migrated databases, so every start measures the same work (migrations already applied).
  const urls: Record<string, string> = {};
  for (const service of SERVICES) {
    await postgres.ensureDatabase(service.name);
    urls[service.name] = postgres.url(service.name);
    await migrate(
      urls[service.name]!,
      service.name === 'gateway'
        ? GATEWAY_MIGRATIONS
        : path.join(root, service.dir, 'prisma', 'migrations'),
    );
  }
  const gatewayPort = await freePort();
  const envOf = (service: Service): Record<string, string> => {
    const prefix = service.name.toUpperCase();
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? work,
      [`${prefix}_PORT`]: service.name === 'gateway' ? String(gatewayPort) : '0',
      [`${prefix}_DATABASE_URL`]: urls[service.name]!,
      SAHEM_GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
      SAHEM_DATA_DIR: path.join(work, 'data'),
    };
  };
  const variants = [
    {
      name: 'build (node dist/index.js)',
      cwd: stage,
      args: (s: Service) => [`${s.dir}/dist/index.js`],
      command: 'node',
    },
    {
      name: 'tsx (node --import tsx)',
      cwd: root,
      args: (s: Service) => ['--import', 'tsx', `${s.dir}/src/index.ts`],
      command: 'node',
    },
    {
      name: 'npx tsx (before)',
      cwd: root,
      args: (s: Service) => ['tsx', `${s.dir}/src/index.ts`],
      command: 'npx',
    },
  ];
  const results: {
    service: string;
    variant: string;
    startMs: number;
    cpu: number;
    rss: number;
    processes: number;
  }[] = [];
  for (const service of SERVICES) {
    for (const variant of variants) {
      const starts: number[] = [];
      const memory: number[] = [];
      const cpu: number[] = [];
      let processes = 0;
      for (let i = 0; i < RUNS; i++) {
        const started: SpawnedService = await spawnService(variant.command, variant.args(service), {
          cwd: variant.cwd,
          env: envOf(service),
        });
        cpu.push(await treeCpuSeconds(started.child.pid!));
        // Settled: what the process holds once listening and idle.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        starts.push(started.startMs);
        memory.push(await treeRss(started.child.pid!));
        processes = (await treeProcesses(started.child.pid!)).length;
        await started.stop();
      }
      results.push({
        service: service.name,
        variant: variant.name,
        startMs: median(starts),
        cpu: median(cpu),
        rss: median(memory),
        processes,
      });
      progress(
        `  ${service.name} ${variant.name}: ${median(starts).toFixed(0)} ms, ${mb(median(memory))}`,
      );
    }
  }

  console.log(
    '\nStart to listening (median of %d): wall time, CPU time, resident memory once idle; same machine, same run:',
    RUNS,
  );
  console.log(`| service | ${variants.map((variant) => variant.name).join(' | ')} |`);
  console.log(`|---|${variants.map(() => '---').join('|')}|`);
  for (const service of SERVICES) {
    const cells = variants.map((variant) => {
      const result = results.find(
        (entry) => entry.service === service.name && entry.variant === variant.name,
      )!;
      return `${(result.startMs / 1000).toFixed(2)} s (${result.cpu.toFixed(2)} s CPU), ${mb(result.rss)}, ${result.processes} process${result.processes > 1 ? 'es' : ''}`;
    });
    console.log(`| ${service.name} | ${cells.join(' | ')} |`);
  }
  console.log(`
node_modules: development ${mb(sizes.developmentNodeModules)}, production ${mb(sizes.productionNodeModules)}, pruned ${mb(sizes.productionNodeModulesPruned)}
build output (bundles and source maps): ${(sizes.buildOutput / 1024).toFixed(0)} KiB; bundles ${Object.entries(
    sizes.bundles,
  )
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KiB`)
    .join(', ')}`);
} finally {
  await postgres.stop();
  await rm(work, { recursive: true, force: true });
}

async function treeProcesses(pid: number): Promise<number[]> {
  const tree = [pid];
  const entries = await readdir('/proc');
  for (let i = 0; i < tree.length; i++) {
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === tree[i])
        tree.push(Number(entry));
    }
  }
  return tree;
}
