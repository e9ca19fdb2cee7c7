import { readFile } from 'node:fs/promises';

/**
 * The bearer tokens in `file`, one per line (one per agency an instance holds; blank lines and
 * lines starting with `#` skipped). Read again before every sync, so a token the identity
 * provider renews (or a Kubernetes secret update) is used without a restart.
 */
export async function readServiceTokens(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
