import type { AgencyRegistry, ProgramsInstance } from '@sahem/kit';

/** An instance that did not answer, and why. */
export interface InstanceFailure {
  instance: ProgramsInstance;
  error: unknown;
}

/** Why an instance failed, in words safe to show a client (no host, no stack). */
function reasonOf(error: unknown): { code: string; reason: string } {
  const name = (error as { name?: string })?.name;
  const code = (error as { extensions?: { code?: unknown } })?.extensions?.code;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { code: 'GATEWAY_TIMEOUT', reason: 'it did not answer in time' };
  }
  if (code === 'SUBGRAPH_CONTRACT_MISMATCH') {
    return { code: 'SUBGRAPH_CONTRACT_MISMATCH', reason: (error as Error).message };
  }
  if (code === 'UNAUTHENTICATED') {
    return { code: 'SUBGRAPH_UNAVAILABLE', reason: 'it refused the gateway’s caller token' };
  }
  return { code: 'SUBGRAPH_UNAVAILABLE', reason: 'it could not be reached' };
}

/**
 * The error a client gets where an agency's instance did not answer: at the affected path,
 * naming the agencies (code and name) and the subgraph, so the rest of the answer stands and the
 * reader knows exactly what it lacks.
 */
export function instanceUnavailable(
  failure: InstanceFailure,
  path: (string | number)[],
  registry: AgencyRegistry,
) {
  const { code, reason } = reasonOf(failure.error);
  const names = failure.instance.agencies
    .map((agency) => `${registry.agency(agency)?.name.en ?? agency} (${agency})`)
    .join(', ');
  return {
    message: `The records of ${names} are missing: ${reason}.`,
    ...(path.length > 0 && { path }),
    extensions: {
      code,
      serviceName: registry.subgraph,
      agencies: [...failure.instance.agencies],
    },
  };
}
