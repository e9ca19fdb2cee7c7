import path from 'node:path';
import { startEmbeddedPostgres } from './embeddedPostgres.ts';
import { migrate } from './migrate.ts';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** The service's name: the embedded data folder (`<dataRoot>/<name>`) and database name. */
  name: string;
  /** Folder of the service's migrations; applied before use unless `migrate` is false. */
  migrationsDir: string;
  /** External PostgreSQL; when unset an embedded server is started. */
  url?: string | undefined;
  /** Parent folder of the embedded data folders. @default '<cwd>/.data' */
  dataRoot?: string | undefined;
  /** Port of the embedded server; `0` picks a free one. */
  embeddedPort: number;
  /** @default true */
  migrate?: boolean;
  log?: (line: string) => void;
}

/** A service's database, up to date. */
export interface OpenedDatabase {
  url: string;
  /** Stops the embedded server if one was started (after the pools using it are closed). */
  stop(): Promise<void>;
}

/**
 * The database every service of the graph starts from: the given URL (production), or an
 * embedded PostgreSQL with its data in `<dataRoot>/<name>` (development, tests); migrated with
 * the project's migrator. On failure, whatever was started is stopped again.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const log = options.log ?? (() => undefined);
  let url = options.url;
  let stop = async (): Promise<void> => undefined;
  try {
    if (!url) {
      const server = await startEmbeddedPostgres({
        dataDir: path.join(options.dataRoot ?? path.resolve('.data'), options.name),
        port: options.embeddedPort,
      });
      stop = () => server.stop();
      log(`${options.name}: embedded PostgreSQL on port ${server.port}`);
      await server.ensureDatabase(options.name);
      url = server.url(options.name);
    }
    if (options.migrate ?? true) {
      const report = await migrate(url, options.migrationsDir);
      if (report.applied.length > 0) log(`${options.name}: applied ${report.applied.join(', ')}`);
    }
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
