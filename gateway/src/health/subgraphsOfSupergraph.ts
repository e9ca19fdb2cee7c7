import { Kind, parse, type ConstValueNode } from 'graphql';

/** One subgraph as a supergraph names it. */
export interface SupergraphSubgraph {
  /** Its name in the supergraph (`volunteers`). */
  name: string;
  /** The routing URL the composition recorded. */
  url: string;
}

/**
 * The subgraphs a supergraph routes to, read from its `join__Graph` enum
 * (`VOLUNTEERS @join__graph(name: "volunteers", url: "…")`): what the gateway really serves,
 * whatever list a configuration file keeps.
 */
export function subgraphsOfSupergraph(supergraphSdl: string): SupergraphSubgraph[] {
  const graphs = parse(supergraphSdl).definitions.find(
    (definition) =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) return [];
  return (graphs.values ?? []).flatMap((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const argument = (name: string) =>
      stringOf(directive?.arguments?.find((a) => a.name.value === name)?.value);
    const name = argument('name');
    return name === undefined ? [] : [{ name, url: argument('url') ?? '' }];
  });
}

function stringOf(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}
