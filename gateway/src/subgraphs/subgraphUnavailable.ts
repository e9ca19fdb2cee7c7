import { currentRequestRecord, noteCause, type AgencyRegistry } from '@sahem/kit';
import { failureReason } from './failureReason.ts';

/** Who owns a subgraph's data, for the errors that say what is missing. */
export interface SubgraphOwners {
  /** Agency codes owning each subgraph's data (`volunteers` → `HRSD`). @default none */
  owners?: Readonly<Record<string, readonly string[]>>;
  /** Where the agencies' names are read. @default codes only */
  registry?: AgencyRegistry | undefined;
}

/** An error as a subgraph answer carries it (`GraphQLFormattedError`'s shape). */
export interface SubgraphErrorJson {
  message: string;
  path?: (string | number)[];
  extensions: { code: string; serviceName: string; agencies?: string[] };
}

/**
 * The error a client gets where a subgraph served by one service did not answer (volunteers,
 * indicators): at the affected path, with the code (`SUBGRAPH_UNAVAILABLE`, `GATEWAY_TIMEOUT`),
 * the subgraph and the agencies owning its data, in words safe in production. Its cause (with
 * its host and port) goes to the request's log line, once.
 */
export function subgraphUnavailable(
  subgraph: string,
  error: unknown,
  path: (string | number)[],
  owners: SubgraphOwners = {},
): SubgraphErrorJson {
  if (currentRequestRecord()) noteCause(error);
  const { code, reason } = failureReason(error);
  const agencies = [...(owners.owners?.[subgraph] ?? [])];
  const names = agencies
    .map((agency) => `${owners.registry?.agency(agency)?.name.en ?? agency} (${agency})`)
    .join(', ');
  return {
    message: `The ${subgraph} subgraph${names ? ` of ${names}` : ''} did not answer: ${reason}.`,
    ...(path.length > 0 && { path }),
    extensions: {
      code,
      serviceName: subgraph,
      ...(agencies.length > 0 && { agencies }),
    },
  };
}
