import { readFile } from 'node:fs/promises';

/**
 * The bearer tokens in `file`, one per line (one per agency an instance holds; blank lines and
 * lines starting with `#` skipped). Read again before every sync, so a token the identity
 * provider renews (or a Kubernetes secret update) is used without a restart. A missing file is
 * no token: the deployments mount it from an optional secret, which the identity provider may
 * not have created yet, and the sync stays idle until it has.
 */
export async function readServiceTokens(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
