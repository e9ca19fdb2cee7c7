import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@sahem/kit';

/** A PostgreSQL server of one test's own, which it may freeze without touching the others. */
export interface OwnPostgres {
  server: EmbeddedPostgresServer;
  /** Creates `name` and applies `migrationsDir`; returns its URL. */
  database(name: string, migrationsDir: string): Promise<string>;
  /** Stops every process of the server (SIGSTOP): it neither answers nor times out, like a hung host. */
  freeze(): Promise<void>;
  /** Lets it run again (SIGCONT). */
  thaw(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a real PostgreSQL server on a free port with its data in a temporary folder. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = await mkdtemp(path.join(tmpdir(), 'sahem-own-pg-'));
  const dataDir = path.join(root, 'data');
  const server = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  const processes = async () => {
    const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
    // No file: the server has stopped.
    if (!pidFile) return [];
    const postmaster = Number(pidFile.split('\n')[0]);
    return [postmaster, ...(await childrenOf(postmaster))];
  };
  const signal = async (name: NodeJS.Signals) => {
    for (const pid of await processes()) {
      try {
        process.kill(pid, name);
      } catch {
        // a backend that just exited
      }
    }
  };
  return {
    server,
    async database(name, migrationsDir) {
      await server.ensureDatabase(name);
      const url = server.url(name);
      await migrate(url, migrationsDir);
      return url;
    },
    // The postmaster first, so no backend is forked while the others are being stopped.
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    async stop() {
      await signal('SIGCONT');
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Process ids whose parent is `parent`, from /proc. */
async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}
