import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One GraphQL document shipped by a client. */
export interface ClientDocument {
  /** Path from the repository root, e.g. `client/src/operations/agency/LogHours.graphql`. */
  file: string;
  source: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every `.graphql` document under `folder` (from the repository root), in path order. */
export function readClientDocuments(folder = 'client/src/operations'): ClientDocument[] {
  const absolute = path.join(ROOT, folder);
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({
      file: path.posix.join(folder, name.split(path.sep).join('/')),
      source: readFileSync(path.join(absolute, name), 'utf8'),
    }));
}
