import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectGraphQLError } from '@sahem/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/startGateway.ts';
import { postGraphQL } from './support/postGraphQL.ts';
import { ADMIN, startGraph, SUPERGRAPH_PATH, type Graph } from './support/startGraph.ts';

let graph: Graph;
let gateway: RunningGateway;
let token: string;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sahem-cost-'));
  file = path.join(dir, 'supergraph.graphql');
  await copyFile(SUPERGRAPH_PATH, file);
  graph = await startGraph({ audit: false });
  token = await graph.token(ADMIN);
  gateway = await startGateway(
    {
      ...graph.identity,
      supergraphPath: file,
      subgraphUrls: graph.gatewayDeps.subgraphUrls,
      production: false,
      log: () => undefined,
      limits: { maxCost: 100 },
    },
    { port: 0 },
  );
});
afterAll(async () => {
  await gateway?.stop();
  await graph?.stop();
  await rm(dir, { recursive: true, force: true });
});

const ask = (query: string, variables?: Record<string, unknown>) =>
  postGraphQL(gateway.url, query, { token, ...(variables && { variables }) });

// The connection costs 1; each of `first` edges 3 (the edge, its program, the title).
const PROGRAMS = /* GraphQL */ `
  query Programs($first: Int) {
    programs(first: $first) {
      edges {
        node {
          id
          title {
            en
          }
        }
      }
    }
  }
`;

function expectTooExpensive(answer: Awaited<ReturnType<typeof ask>>, estimated: number) {
  expect(answer.status).toBe(400);
  const error = expectGraphQLError(answer.body, 'COST_ESTIMATED_TOO_EXPENSIVE');
  expect(error.extensions).toMatchObject({ cost: { estimated, max: 100 } });
  expect(error.message).toMatch(
    new RegExp(`estimated cost is ${estimated}, above the budget of 100`),
  );
}

describe('demand control', () => {
  it.each<[Record<string, number>, number]>([
    [{}, 61],
    [{ first: 10 }, 31],
    [{ first: 33 }, 100],
  ])('accepts %o (estimated %i) within the budget', async (variables) => {
    const answer = await ask(PROGRAMS, variables);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.programs.edges).toEqual([]);
  });

  it.each([
    [{ first: 34 }, 103],
    [{ first: 100 }, 301],
  ])('refuses %o (estimated %i) over the budget', async (variables, estimated) => {
    expectTooExpensive(await ask(PROGRAMS, variables), estimated);
  });

  it('reads `first` written in the operation too', async () => {
    expectTooExpensive(
      await ask('{ programs(first: 40) { edges { node { id title { en } } } } }'),
      121,
    );
  });

  it('prices with the supergraph in service, reloaded without a restart', async () => {
    const query = '{ regionPeriods(period: "2026") { regionCode } }';
    expect((await ask(query)).body.errors).toBeUndefined();

    // The programs team now expects 200 regions per page (assumedSize 13 → 200).
    const sdl = await readFile(file, 'utf8');
    const changed = sdl.replace(
      /(regionPeriods\(period: String!\): \[RegionPeriod!\]! .*@listSize\(assumedSize: )13\)/,
      '$1200)',
    );
    expect(changed).not.toBe(sdl);
    await writeFile(file, changed);
    const deadline = Date.now() + 5_000;
    let answer = await ask(query);
    while (answer.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await ask(query);
    }
    expectTooExpensive(answer, 200);
  });
});
