import type { LocalizedText } from '../regions.ts';

/** One agency of the national graph, as the platform team registers it. */
export interface RegisteredAgency {
  /** Short code, the prefix of every key of its records: `SCD` (`SCD-00042`). */
  code: string;
  name: LocalizedText;
  sector: string;
  /** GraphQL endpoint of the programs instance that holds its records. */
  url: string;
}

/** One programs instance: the agencies it holds, where it is, and its caller-token audience. */
export interface ProgramsInstance {
  /** The codes it holds, sorted and joined by `+`: `SCD`, or `HRSD+SRCA` for a shared host. */
  name: string;
  agencies: readonly string[];
  url: string;
}

/** The agency registry (`schema/agencies.json`), validated, with per-agency URL overrides applied. */
export interface AgencyRegistry {
  /** The subgraph of the supergraph that the instances serve, one contract for all: `programs`. */
  subgraph: string;
  agencies: readonly RegisteredAgency[];
  /** The instances the agencies group into (agencies with the same URL share one), by name. */
  instances: readonly ProgramsInstance[];
  /** The instance holding an agency, or undefined for a code the registry does not know. */
  instanceOf(agencyCode: string): ProgramsInstance | undefined;
  agency(code: string): RegisteredAgency | undefined;
}
