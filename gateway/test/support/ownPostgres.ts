import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@sahem/kit';

/** A PostgreSQL server of one test's own, which it may freeze without touching the others. */
export interface OwnPostgres {
  server: EmbeddedPostgresServer;
  /** Creates `name` and applies `migrationsDir`; returns its URL. */
  database(name: string, migrationsDir: string): Promise<string>;
  /**
   * Stops every process of the server (SIGSTOP): it neither answers nor times out, like a hung
   * host. Returns how many processes it stopped, postmaster included.
   */
  freeze(): Promise<number>;
  /** Lets it run again (SIGCONT). */
  thaw(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a real PostgreSQL server on a free port with its data in a temporary folder. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = await mkdtemp(path.join(tmpdir(), 'sahem-own-pg-'));
  const dataDir = path.join(root, 'data');
  const server = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  const postmaster = () => {
    try {
      return Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined; // no file: the server has stopped
    }
  };
  const send = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
      return 1;
    } catch {
      return 0; // a backend that just exited
    }
  };
  // The postmaster first, and its children listed only once it has stopped: no backend forked
  // while the others are being stopped escapes the freeze with a live connection.
  const signal = async (name: NodeJS.Signals) => {
    const parent = postmaster();
    if (parent === undefined) return 0;
    let signalled = send(parent, name);
    for (const child of childrenOf(parent)) signalled += send(child, name);
    return signalled;
  };
  return {
    server,
    async database(name, migrationsDir) {
      await server.ensureDatabase(name);
      const url = server.url(name);
      await migrate(url, migrationsDir);
      return url;
    },
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    async stop() {
      await signal('SIGCONT');
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Process ids whose parent is `parent`, from /proc. Read synchronously on purpose: on a loaded
 * machine a scan queued behind the thread pool took seconds, and meanwhile the backends of a
 * "frozen" server (postmaster already stopped) went on serving queries.
 */
function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}
