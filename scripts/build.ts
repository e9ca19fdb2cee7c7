import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServices } from './build/buildServices.ts';
import { stageBuild } from './build/stageBuild.ts';
import { buildWebApps } from '../gateway/src/web/buildWebApps.ts';

// `npm run build [-- --stage DIR]`: every service to plain JavaScript in `<service>/dist/`;
// with --stage, also copies what production runs (bundles and runtime files) into DIR, ready
// for `npm ci --omit=dev` there (the Dockerfile's build stage does exactly this).
const { values } = parseArgs({ options: { stage: { type: 'string' } } });
const root = path.resolve(import.meta.dirname, '..');
const started = performance.now();
const built = await buildServices({ root });
for (const service of built) {
  console.log(
    `  ${service.name.padEnd(11)} ${path.relative(root, service.outfile).padEnd(34)} ${(service.bytes / 1024).toFixed(0).padStart(5)} KiB  imports ${service.packages.join(', ')}`,
  );
}
console.log(
  `built ${built.length} services in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (values.stage) {
  // The gateway serves these as they are in production: built here, where Vite is installed.
  await buildWebApps({ log: console.log });
  const target = path.resolve(values.stage);
  const copied = await stageBuild(root, target);
  console.log(
    `staged ${copied.length} paths in ${target}; next: cd ${target} && npm ci --omit=dev`,
  );
}
