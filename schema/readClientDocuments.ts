import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { operationDocuments } from '../client/src/operationDocuments.ts';

/** One GraphQL document shipped by a client. */
export interface ClientDocument {
  /** Path from the repository root, e.g. `client/src/operations/agency/LogHours.graphql`. */
  file: string;
  source: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every operation document under `folder` (from the repository root), in path order, each with
 * the fragments it spreads from other files appended, as the client sends it (fragment-only
 * files are not documents of their own; see `operationDocuments`).
 */
export function readClientDocuments(folder = 'client/src/operations'): ClientDocument[] {
  const absolute = path.join(ROOT, folder);
  return operationDocuments(
    readdirSync(absolute, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.graphql'))
      .sort()
      .map((name) => ({
        file: path.posix.join(folder, name.split(path.sep).join('/')),
        source: readFileSync(path.join(absolute, name), 'utf8'),
      })),
  );
}
