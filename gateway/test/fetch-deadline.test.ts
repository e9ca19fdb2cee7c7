import { describe, expect, it } from 'vitest';
import { fetchDeadline } from '../src/deadlines/fetchDeadline.ts';
import { subgraphsOfSupergraph } from '../src/health/subgraphsOfSupergraph.ts';
import { readFileSync } from 'node:fs';

const NOW = 1_000_000;

describe('fetchDeadline', () => {
  it.each([
    // request deadline, fetch timeout, margin → abort at, subgraph told
    [NOW + 10_000, 10_000, 100, NOW + 10_000, NOW + 9_900],
    [NOW + 500, 10_000, 100, NOW + 500, NOW + 400],
    [NOW + 20_000, 2_000, 100, NOW + 2_000, NOW + 1_900],
    [undefined, 3_000, 100, NOW + 3_000, NOW + 2_900],
    // Little time left: the margin is at most half of it.
    [NOW + 60, 10_000, 100, NOW + 60, NOW + 30],
    [NOW - 5, 10_000, 100, NOW - 5, NOW - 5],
  ])(
    'deadline %s, timeout %i, margin %i → abort at %i, subgraph told %i',
    (deadline, timeoutMs, marginMs, abortAt, told) => {
      expect(fetchDeadline(deadline, { timeoutMs, marginMs }, NOW)).toEqual({
        abortAt,
        subgraphDeadline: told,
      });
    },
  );
});

describe('subgraphsOfSupergraph', () => {
  it('reads the subgraphs and URLs the committed supergraph routes to', () => {
    const sdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
    expect(subgraphsOfSupergraph(sdl)).toEqual([
      { name: 'indicators', url: 'http://127.0.0.1:4003/graphql' },
      { name: 'programs', url: 'http://127.0.0.1:4002/graphql' },
      { name: 'volunteers', url: 'http://127.0.0.1:4001/graphql' },
    ]);
  });

  it.each([
    ['type Query { a: Int }', []],
    [
      'enum join__Graph { A @join__graph(name: "a", url: "http://a") B }',
      [{ name: 'a', url: 'http://a' }],
    ],
  ])('%s', (sdl, expected) => {
    expect(subgraphsOfSupergraph(sdl)).toEqual(expected);
  });
});
