// Run in a production install (after `npm ci --omit=dev --omit=optional`), by the Dockerfile
// and the build test: removes what no service can load, to keep images small.
// - Prisma's client runtime ships a query compiler and engine for every database and runtime
//   (about 60 MB); the services use PostgreSQL through the WebAssembly query compiler only.
// - Source maps of dependencies: `--enable-source-maps` maps our own bundles, not theirs.
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const modules = path.join(root, 'node_modules');
let freed = 0;
const remove = (file) => {
  freed += statSync(file).size;
  rmSync(file);
};

const runtime = path.join(modules, '@prisma', 'client', 'runtime');
for (const name of readdirSync(runtime)) {
  const keep =
    /^(client|index-browser)\.(js|mjs|d\.ts|d\.mts)$/.test(name) ||
    /^query_compiler_bg\.postgresql\./.test(name);
  if (!keep) remove(path.join(runtime, name));
}

const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.isFile() && entry.name.endsWith('.map')) remove(file);
  }
};
walk(modules);
console.log(`pruned ${(freed / 1024 / 1024).toFixed(1)} MB from ${modules}`);
