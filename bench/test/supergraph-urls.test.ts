import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withSubgraphUrls } from '../startBenchGraph.ts';

describe("the bench's copy of the supergraph", async () => {
  const supergraph = await readFile(
    new URL('../../schema/supergraph.graphql', import.meta.url),
    'utf8',
  );

  it('points each named subgraph at its URL and changes nothing else', () => {
    const urls = {
      volunteers: 'http://127.0.0.1:5001/graphql',
      programs: 'http://127.0.0.1:5002/graphql',
      indicators: 'http://127.0.0.1:5003/graphql',
    };
    const copy = withSubgraphUrls(supergraph, urls);
    for (const [name, url] of Object.entries(urls)) {
      expect(copy).toContain(`@join__graph(name: "${name}", url: "${url}")`);
    }
    expect(copy.replace(/url: "[^"]*"/g, '')).toBe(supergraph.replace(/url: "[^"]*"/g, ''));
  });

  it('refuses a subgraph the supergraph does not have', () => {
    expect(() => withSubgraphUrls(supergraph, { router: 'http://127.0.0.1:1/' })).toThrow(
      /no subgraph router/,
    );
  });
});
