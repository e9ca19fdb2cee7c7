import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedPostgresUrl, openDatabase } from '@sahem/kit';

/** The gateway's migrations: the audit trail's table. */
export const GATEWAY_MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

/** Options of {@link openAuditDatabase}. */
export interface AuditDatabaseOptions {
  /** External PostgreSQL (`GATEWAY_DATABASE_URL`); when unset an embedded server is started. */
  databaseUrl?: string | undefined;
  /** Parent folder of the embedded data folder (`<dataRoot>/gateway`). @default '<repo>/.data' */
  dataRoot?: string;
  /** Port of the embedded PostgreSQL (`GATEWAY_PG_PORT`). */
  embeddedPort: number;
  /** Apply `gateway/migrations` first. @default true */
  migrate?: boolean;
  /**
   * When another process (`npm start`) already runs the embedded server, connect to it instead
   * of refusing to share its data folder. For readers such as `npm run audit`. @default false
   */
  shareRunning?: boolean;
  log?: (line: string) => void;
}

/** The gateway's database, ready for {@link createAuditLog}. */
export interface AuditDatabase {
  url: string;
  /** Stops the embedded server, if one was started; call it after the audit log's `stop()`. */
  stop(): Promise<void>;
}

/**
 * The gateway's own database, the way each subgraph gets its own: the given URL, or an embedded
 * PostgreSQL with its data in `<dataRoot>/gateway`; migrated unless told otherwise.
 */
export async function openAuditDatabase(options: AuditDatabaseOptions): Promise<AuditDatabase> {
  const dataRoot = options.dataRoot ?? DATA_DIR;
  const running = options.shareRunning
    ? await runningEmbeddedUrl(path.join(dataRoot, 'gateway'))
    : undefined;
  return openDatabase({
    name: 'gateway',
    migrationsDir: GATEWAY_MIGRATIONS,
    url: options.databaseUrl ?? running,
    dataRoot,
    embeddedPort: options.embeddedPort,
    migrate: options.migrate ?? true,
    ...(options.log && { log: options.log }),
  });
}

/**
 * The URL of the embedded server already running on `dataDir`, read from its `postmaster.pid`
 * (line 1 the pid, line 4 the port), or undefined when none runs.
 */
async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const lines = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').then(
    (text) => text.split('\n'),
    () => [],
  );
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return;
  return embeddedPostgresUrl(port, 'gateway');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (the `postgres` user when running as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
