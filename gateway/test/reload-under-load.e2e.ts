import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeSupergraph } from '../../schema/composeSupergraph.ts';
import { steadyLoad } from './support/steadyLoad.ts';
import { ADMIN, startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let graph: Graph;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-reload-'));
  file = path.join(dir, 'supergraph.graphql');
  await copyFile(SUPERGRAPH_PATH, file);
  graph = await startGraph({
    supergraphPath: file,
    audit: false,
    loadTest: true,
  });
});
afterAll(async () => {
  await graph?.stop();
  await rm(dir, { recursive: true, force: true });
});

const hasSector = async () => {
  const result = await graph.query('{ __type(name: "Agency") { fields { name } } }');
  return (result.data.__type.fields as { name: string }[]).some((field) => field.name === 'sector');
};

it('serves a supergraph reload under steady load without one failed request', async () => {
  const load = steadyLoad({
    url: graph.gateway.url,
    body: {
      query: '{ agencies { code name { en } } programs(first: 5) { edges { node { id } } } }',
    },
    headers: { authorization: `Bearer ${await graph.token(ADMIN)}` },
    workers: 6,
  });
  await new Promise((resolve) => setTimeout(resolve, 700));
  // A real change of the graph: the programs team removes a field nobody in the load asks for.
  const programsSdl = await readFile(
    new URL('../../subgraphs/programs/schema.graphql', import.meta.url),
    'utf8',
  );
  const composition = composeSupergraph({
    programs: programsSdl.replace('\n  sector: String!', ''),
  });
  if (!composition.ok) throw new Error(composition.errors.map((e) => e.message).join('\n'));
  expect(await hasSector()).toBe(true);
  load.mark();
  await writeFile(file, composition.supergraphSdl);
  await expect.poll(hasSector, { timeout: 5_000, interval: 50 }).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 700));
  const report = await load.stop();
  console.log(
    `reload under load: ${report.sent} sent, ${report.ok} ok, ${report.failures.length} failed`,
  );
  expect(report.failures).toEqual([]);
  expect(report.okAfterMark).toBeGreaterThan(5);
});
