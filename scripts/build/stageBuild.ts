import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RUNTIME_FILES, SERVICES } from './services.ts';

/** Files under `root` matching `pattern`: `*` matches one path segment, a final `**` a subtree. */
async function expand(root: string, pattern: string): Promise<string[]> {
  const walk = async (dir: string, parts: string[]): Promise<string[]> => {
    const [head, ...rest] = parts;
    if (head === undefined) return [dir];
    if (head === '**') return [dir];
    if (!head.includes('*')) {
      const next = path.join(dir, head);
      const found = await stat(path.join(root, next)).catch(() => undefined);
      return found ? walk(next, rest) : [];
    }
    const matcher = new RegExp(`^${head.replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`);
    const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
    const matches = entries.filter((entry) => matcher.test(entry.name));
    return (
      await Promise.all(matches.map((entry) => walk(path.join(dir, entry.name), rest)))
    ).flat();
  };
  return walk('', pattern.split('/'));
}

/**
 * Copies what production runs into `target`: each service's bundle and source map and the
 * files of `RUNTIME_FILES`, in the repository's layout. `npm ci --omit=dev` in `target` then
 * gives a runnable install (then `node scripts/pruneProduction.mjs`); the container images are
 * built the same way.
 * @returns the paths copied, relative to the root
 */
export async function stageBuild(
  root: string,
  target: string,
  options: { bundles?: boolean } = {},
): Promise<string[]> {
  // Without bundles: they were built into `target` already (`buildServices({ outRoot })`).
  const bundles = options.bundles ?? true;
  const patterns = [
    ...RUNTIME_FILES,
    ...(bundles ? SERVICES.map((service) => `${service.dir}/dist/**`) : []),
  ];
  const copied: string[] = [];
  for (const pattern of patterns) {
    const matches = await expand(root, pattern);
    if (matches.length === 0) throw new Error(`stage: nothing matches ${pattern}; run the build`);
    for (const relative of matches) {
      await mkdir(path.dirname(path.join(target, relative)), { recursive: true });
      await cp(path.join(root, relative), path.join(target, relative), { recursive: true });
      copied.push(relative);
    }
  }
  return copied;
}
