import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  resolveSubgraphUrls,
  subgraphsOfSupergraph,
  unknownOverrides,
} from '../src/subgraphs/subgraphsOfSupergraph.ts';
import { SUPERGRAPH_PATH } from './support/startGraph.ts';

const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
const supergraph = (graphs: string) => /* GraphQL */ `
  enum join__Graph {
    ${graphs}
  }
  type Query { a: Int }
`;

describe('subgraphsOfSupergraph', () => {
  it('reads every subgraph and the URL composition recorded for it', () => {
    expect(subgraphsOfSupergraph(committed)).toEqual([
      { name: 'indicators', url: 'http://127.0.0.1:4003/graphql' },
      { name: 'programs', url: 'http://127.0.0.1:4002/graphql' },
      { name: 'volunteers', url: 'http://127.0.0.1:4001/graphql' },
    ]);
  });

  it.each([
    [
      'PROGRAMS_SCD @join__graph(name: "programs-scd", url: "https://scd.gov.sa/graphql")',
      [{ name: 'programs-scd', url: 'https://scd.gov.sa/graphql' }],
    ],
    ['LOCAL @join__graph(name: "local")', [{ name: 'local', url: '' }]],
    ['NAMELESS', []],
  ])('reads %s', (graphs, expected) => {
    expect(subgraphsOfSupergraph(supergraph(graphs))).toEqual(expected);
  });

  it('finds no subgraph in an SDL without join__Graph', () => {
    expect(subgraphsOfSupergraph('type Query { a: Int }')).toEqual([]);
  });
});

describe('resolveSubgraphUrls', () => {
  const subgraphs = subgraphsOfSupergraph(committed);

  it('keeps the supergraph URLs when nothing is overridden', () => {
    expect(resolveSubgraphUrls(subgraphs, {})).toEqual({
      indicators: 'http://127.0.0.1:4003/graphql',
      programs: 'http://127.0.0.1:4002/graphql',
      volunteers: 'http://127.0.0.1:4001/graphql',
    });
  });

  it('replaces only the URLs the operator overrides, and names the overrides that match nothing', () => {
    const overrides = {
      programs: 'https://programs.scd.gov.sa/graphql',
      progams: 'https://typo.example/graphql',
    };
    expect(resolveSubgraphUrls(subgraphs, overrides)).toEqual({
      indicators: 'http://127.0.0.1:4003/graphql',
      programs: 'https://programs.scd.gov.sa/graphql',
      volunteers: 'http://127.0.0.1:4001/graphql',
    });
    expect(unknownOverrides(subgraphs, overrides)).toEqual(['progams']);
  });
});
