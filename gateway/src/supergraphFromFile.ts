import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { withoutSecurityPurpose } from './auth/requirements.ts';

/**
 * Serves the supergraph SDL from a file and hands every new version to the gateway when the
 * file changes, without a restart: operations already running finish on the schema they
 * started with, new ones plan against the new one. A file that does not load (a half-written
 * copy, a broken composition) is reported and the previous supergraph stays in service.
 * `onLoad` receives each supergraph put in service, as written (authorization directives and
 * all); the gateway itself gets it without the SECURITY purpose it cannot load.
 */
export function supergraphFromFile(
  file: string,
  log: (line: string) => void,
  onLoad: (supergraphSdl: string) => void = () => undefined,
): SupergraphSdlHook {
  return async ({ update }) => {
    let current = await readFile(file, 'utf8');
    onLoad(current);
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      try {
        const next = await readFile(file, 'utf8');
        if (next === current) return;
        update(withoutSecurityPurpose(next));
        current = next;
        // Only a supergraph the gateway accepted replaces the authorization requirements.
        onLoad(next);
        log(`gateway: supergraph reloaded from ${file}`);
      } catch (error) {
        log(
          `gateway: kept the previous supergraph; ${file} did not load: ${(error as Error).message}`,
        );
      }
    };
    // Watch the folder, not the file: editors and `npm run compose` may replace the file,
    // which ends a watch on the old inode. Bursts of events are coalesced.
    const watcher = watch(path.dirname(file), (_, name) => {
      if (name !== path.basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 100);
    });
    return {
      supergraphSdl: withoutSecurityPurpose(current),
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
