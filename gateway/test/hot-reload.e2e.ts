import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeSupergraph } from '../../schema/composeSupergraph.ts';
import { startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let graph: Graph;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-supergraph-'));
  file = path.join(dir, 'supergraph.graphql');
  await copyFile(SUPERGRAPH_PATH, file);
  graph = await startGraph({ supergraphPath: file });
});
afterAll(async () => {
  await graph?.stop();
  await rm(dir, { recursive: true, force: true });
});

const askForSectors = () => graph.query('{ agencies { code sector } }');

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('serves a changed supergraph file without a restart, and keeps the last good one', async () => {
  expect((await askForSectors()).errors).toBeUndefined();

  // The programs team removes `Agency.sector`; the platform team composes and ships the file.
  const programsSdl = await readFile(
    new URL('../../subgraphs/programs/schema.graphql', import.meta.url),
    'utf8',
  );
  const composition = composeSupergraph({
    programs: programsSdl.replace('\n  sector: String!', ''),
  });
  if (!composition.ok) throw new Error(composition.errors.map((e) => e.message).join('\n'));
  await writeFile(file, composition.supergraphSdl);
  await eventually(
    async () =>
      (await askForSectors()).errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
  );

  // A broken file (a half-written copy) is refused; the graph keeps answering.
  await writeFile(file, 'this is not a supergraph');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const result = await graph.query('{ agencies { code } }');
  expect(result.errors).toBeUndefined();
  // The programs instance wrote its agencies' rows from the registry when it started.
  expect(result.data).toEqual({
    agencies: [{ code: 'HRSD' }, { code: 'SCD' }, { code: 'SEC' }, { code: 'SRCA' }],
  });
});
