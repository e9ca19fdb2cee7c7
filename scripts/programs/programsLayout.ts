import { agencyRegistry, type AgencyRegistry } from '@sahem/kit';
import {
  programsInstance,
  type ProgramsInstanceConfig,
} from '../../subgraphs/programs/src/agencies/programsInstance.ts';

/** One programs instance as `npm start` runs it in development. */
export interface DevelopmentInstance {
  config: ProgramsInstanceConfig;
  /** Where the registry says it is reached. */
  url: URL;
  /** Its own database on the embedded programs server: `programs_scd`, or `programs` alone. */
  database: string;
}

/**
 * The programs instances of `registry` as development runs them: one per URL of the registry
 * (agencies sharing a URL share an instance), each listening on its URL's port, each over its
 * own database of the one embedded programs PostgreSQL server. A registry with one instance
 * holding every agency is today's single store, on the database `programs` it always used.
 */
export function programsLayout(registry: AgencyRegistry): DevelopmentInstance[] {
  const single = registry.instances.length === 1;
  return registry.instances.map((instance) => ({
    config: programsInstance(registry, instance.agencies),
    url: new URL(instance.url),
    database: single ? 'programs' : `programs_${instance.name.toLowerCase().replaceAll('+', '_')}`,
  }));
}

/** The port a development instance listens on: its URL's (80 or 443 when the URL names none). */
export function listenPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** `registry` with each agency's URL replaced by where its instance really listens. */
export function withRunningUrls(
  registry: AgencyRegistry,
  runningUrl: (instanceName: string) => string,
): AgencyRegistry {
  return agencyRegistry({
    subgraph: registry.subgraph,
    agencies: registry.agencies.map((agency) => ({
      ...agency,
      url: runningUrl(registry.instanceOf(agency.code)!.name),
    })),
  });
}
