import {
  currentRequestRecord,
  noteCause,
  type AgencyRegistry,
  type ProgramsInstance,
} from '@sahem/kit';
import { failureReason } from '../subgraphs/failureReason.ts';

/** An instance that did not answer, and why. */
export interface InstanceFailure {
  instance: ProgramsInstance;
  error: unknown;
}

/**
 * The error a client gets where an agency's instance did not answer: at the affected path,
 * naming the agencies (code and name) and the subgraph, so the rest of the answer stands and the
 * reader knows exactly what it lacks. Its cause (host and port included) goes to the request's
 * log line, once.
 */
export function instanceUnavailable(
  failure: InstanceFailure,
  path: (string | number)[],
  registry: AgencyRegistry,
) {
  if (currentRequestRecord()) noteCause(failure.error);
  const { code, reason } = failureReason(failure.error);
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
