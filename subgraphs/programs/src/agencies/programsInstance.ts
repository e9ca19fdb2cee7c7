import {
  AGENCY_CODE,
  callerAudience,
  instanceName,
  type AgencyRegistry,
  type RegisteredAgency,
} from '@sahem/kit';

/**
 * What one programs instance is: the agencies whose records it holds. Everything it serves, and
 * everything it agrees to write, is restricted to them: a record of another agency is refused on
 * the way in, and is invisible on the way out even if its rows sit in the same database (a copy
 * of the single store taken by one agency, say).
 */
export interface ProgramsInstanceConfig {
  /** The held agencies' codes, sorted. */
  readonly codes: readonly string[];
  /** `SCD`, or `HRSD+SRCA` for a shared host: the instance its caller tokens name. */
  readonly name: string;
  /** The held agencies as the registry has them (name, sector), written at start. */
  readonly agencies: readonly RegisteredAgency[];
  /** Whether it holds every agency of the registry: the only instance there is. */
  readonly whole: boolean;
  /** Whether this instance holds the agency `code`. */
  holds(code: string): boolean;
}

/** A held-agency list that cannot be used; the message says what to change. */
export class ProgramsInstanceError extends Error {
  override name = 'ProgramsInstanceError';
}

/**
 * The instance holding `codes` of `registry` (every registered agency when `codes` is omitted:
 * the single-store layout). Every code must be registered: an instance that held an agency
 * nobody can route to would keep records the national graph never sees.
 */
export function programsInstance(
  registry: AgencyRegistry,
  codes?: readonly string[],
  source = 'PROGRAMS_AGENCIES',
): ProgramsInstanceConfig {
  const wanted = codes ?? registry.agencies.map((agency) => agency.code);
  if (wanted.length === 0) {
    throw new ProgramsInstanceError(`${source} names no agency: give at least one code (SCD).`);
  }
  const unknown = wanted.filter((code) => !registry.agency(code));
  if (unknown.length > 0) {
    throw new ProgramsInstanceError(
      `${source} names ${unknown.join(', ')}, which the agency registry does not register ` +
        `(registered: ${registry.agencies.map((agency) => agency.code).join(', ')}). ` +
        'Add the agency to the registry (SAHEM_AGENCIES_FILE) first.',
    );
  }
  const sorted = [...new Set(wanted)].sort();
  const held = new Set(sorted);
  return Object.freeze({
    codes: Object.freeze(sorted),
    name: instanceName(sorted),
    agencies: Object.freeze(sorted.map((code) => registry.agency(code)!)),
    whole: registry.agencies.every((agency) => held.has(agency.code)),
    holds: (code: string) => held.has(code),
  });
}

/** Parses `PROGRAMS_AGENCIES`: agency codes separated by commas (`HRSD,SRCA`). */
export function parseAgencyCodes(raw: string): string[] {
  const codes = raw
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  const bad = codes.filter((code) => !AGENCY_CODE.test(code));
  if (codes.length === 0 || bad.length > 0) {
    throw new Error(
      `expected agency codes separated by commas (SCD or HRSD,SRCA)${bad.length ? `; not a code: ${bad.join(', ')}` : ''}`,
    );
  }
  return codes;
}

/**
 * The audience of the caller tokens this instance accepts, by the gateway's rule
 * (`instanceAudience` of the kit): `sahem-subgraph:programs:SCD`, so that a token minted for
 * another agency's instance is refused here; or, for an instance holding every registered agency
 * (the single-store layout, where no other instance exists), the subgraph's own
 * `sahem-subgraph:programs`. One audience, never both: a token for a sibling is never accepted.
 */
export function acceptedAudiences(instance: ProgramsInstanceConfig): string[] {
  return [instance.whole ? callerAudience('programs') : callerAudience('programs', instance.name)];
}
