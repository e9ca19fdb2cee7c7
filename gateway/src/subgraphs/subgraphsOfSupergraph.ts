import { Kind, parse, type ConstValueNode } from 'graphql';

/** A subgraph as a supergraph records it (`join__Graph` enum value with `@join__graph`). */
export interface SupergraphSubgraph {
  name: string;
  url: string;
}

const stringOf = (value: ConstValueNode | undefined) =>
  value?.kind === Kind.STRING ? value.value : undefined;

/**
 * The subgraphs a supergraph SDL composes, with the URL composition recorded for each: what the
 * gateway calls unless the operator overrides a URL (`GATEWAY_SUBGRAPH_URLS`).
 */
export function subgraphsOfSupergraph(supergraphSdl: string): SupergraphSubgraph[] {
  const graphs = parse(supergraphSdl, { noLocation: true }).definitions.find(
    (definition) =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) return [];
  return (graphs.values ?? []).flatMap((value) => {
    const directive = value.directives?.find((entry) => entry.name.value === 'join__graph');
    const argument = (name: string) =>
      stringOf(directive?.arguments?.find((entry) => entry.name.value === name)?.value);
    const name = argument('name');
    return name ? [{ name, url: argument('url') ?? '' }] : [];
  });
}

/** Each subgraph's URL: the operator's override when there is one, else the supergraph's. */
export function resolveSubgraphUrls(
  subgraphs: readonly SupergraphSubgraph[],
  overrides: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(subgraphs.map(({ name, url }) => [name, overrides[name] ?? url]));
}

/** Names of overrides that match no subgraph of the supergraph: almost always a typo. */
export function unknownOverrides(
  subgraphs: readonly SupergraphSubgraph[],
  overrides: Readonly<Record<string, string>>,
): string[] {
  const names = new Set(subgraphs.map(({ name }) => name));
  return Object.keys(overrides).filter((name) => !names.has(name));
}
