// Generates each subgraph's Prisma client (git-ignored) after `npm install`/`npm ci`.
// The CLI needs DATABASE_URL set even to generate, or it tries to download a native engine;
// generation never connects, so a placeholder is enough.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const prismaBin = path.join(root, 'node_modules', '.bin', 'prisma');
const subgraphs = readdirSync(path.join(root, 'subgraphs')).filter((name) =>
  existsSync(path.join(root, 'subgraphs', name, 'prisma', 'schema.prisma')),
);
for (const name of subgraphs) {
  execFileSync(prismaBin, ['generate'], {
    cwd: path.join(root, 'subgraphs', name),
    stdio: 'pipe', // its chatter on success is noise; a failure throws with stderr attached
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://generate@localhost/unused',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  console.log(`prisma: generated the client of subgraphs/${name}`);
}
