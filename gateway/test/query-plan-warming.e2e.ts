import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { loadFixture } from './support/fixture.ts';
import { ADMIN, startGraph, type Graph } from './support/startGraph.ts';

// The gateway plans the trusted documents when a supergraph or a manifest comes into service:
// the first request of each operation finds its plan in the cache.
const SHIPPED_MANIFEST = fileURLToPath(
  new URL('../../client/src/__generated__/persisted-documents.json', import.meta.url),
);
const ADDED = 'query AgencySectors {\n  agencies {\n    code\n    sector\n  }\n}';

let graph: Graph;
let gateway: RunningGateway;
let dir: string;
let manifestPath: string;
let authorization: string;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-plans-'));
  manifestPath = path.join(dir, 'persisted-documents.json');
  await copyFile(SHIPPED_MANIFEST, manifestPath);
  graph = await startGraph();
  await loadFixture(graph);
  authorization = `Bearer ${await graph.token(ADMIN)}`;
  gateway = await startGateway(
    {
      ...graph.gatewayDeps,
      persistedDocuments: { mode: 'enforce', manifestPath },
      log: (line) => logs.push(line),
    },
    { port: 0 },
  );
});
afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
  await rm(dir, { recursive: true, force: true });
});

const plans = async () => {
  const text = await (await fetch(new URL('/metrics', gateway.url))).text();
  // Summed over every series of the result (the registry adds its default labels).
  const count = (result: string) =>
    text
      .split('\n')
      .filter((line) =>
        new RegExp(`^sahem_gateway_query_plan_cache_total\\{.*result="${result}"`).test(line),
      )
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  return { hit: count('hit'), miss: count('miss') };
};

async function ask(query: string, operationName?: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, ...(operationName && { operationName }) }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
}

it('finds the plan of every trusted operation in the cache on its first request after the start', async () => {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>;
  const reference = Object.values(manifest).find((text) =>
    text.startsWith('query ReferenceData '),
  )!;
  const before = await plans();
  // With its name, as the client sends it, and without, as a one-operation document may be.
  expect((await ask(reference, 'ReferenceData')).errors).toBeUndefined();
  expect((await ask(reference)).errors).toBeUndefined();
  const after = await plans();
  expect(after.miss - before.miss).toBe(0);
  expect(after.hit - before.hit).toBe(2);
});

it('plans a document added to the manifest when the manifest is reloaded', async () => {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>;
  const { createHash } = await import('node:crypto');
  manifest[createHash('sha256').update(ADDED).digest('hex')] = ADDED;
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
  const deadline = Date.now() + 10_000;
  while (!logs.some((line) => line.includes('trusted documents reloaded'))) {
    if (Date.now() > deadline) throw new Error('the manifest was not reloaded');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const before = await plans();
  const answer = await ask(ADDED, 'AgencySectors');
  expect(answer.errors).toBeUndefined();
  const after = await plans();
  expect(after.miss - before.miss).toBe(0);
  expect(after.hit - before.hit).toBe(1);
});

it('plans nothing it was not given: an operation outside the manifest is refused, not planned', async () => {
  const before = await plans();
  const answer = await ask('{ agencies { code } }');
  expect(answer.errors?.[0]?.message).toMatch(/trusted|persisted/i);
  const after = await plans();
  expect(after.hit + after.miss - before.hit - before.miss).toBe(0);
});
