import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { callerAudience } from '../auth/callerToken.ts';
import type { AgencyRegistry, ProgramsInstance, RegisteredAgency } from './AgencyRegistry.ts';

/** The registry the repository ships; `SAHEM_AGENCIES_FILE` points elsewhere. */
export const DEFAULT_AGENCIES_FILE = fileURLToPath(
  new URL('../../../../schema/agencies.json', import.meta.url),
);

/** Agency codes as keys carry them: an upper-case letter, then 1–9 letters or digits. */
export const AGENCY_CODE = /^[A-Z][A-Z0-9]{1,9}$/;

/** `AGENCY_SCD_URL`: overrides where one agency's programs instance is reached. */
export function agencyUrlVariable(code: string): string {
  return `AGENCY_${code}_URL`;
}

/** A registry that cannot be used; the message lists every problem, one per line. */
export class AgencyRegistryError extends Error {
  override name = 'AgencyRegistryError';
}

/**
 * Reads and validates the agency registry: every agency's code, bilingual name, sector and the
 * URL of the instance that holds its records, each URL overridable from the environment
 * (`AGENCY_<CODE>_URL`). Agencies with the same URL share one instance (a group of small
 * agencies on one hosted instance). Every problem is reported at once, naming the entry, so a
 * bad edit stops a service at start with a message the platform team can act on.
 */
export function readAgencyRegistry(
  file: string = DEFAULT_AGENCIES_FILE,
  env: Record<string, string | undefined> = process.env,
): AgencyRegistry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AgencyRegistryError(
      `The agency registry ${file} did not load (SAHEM_AGENCIES_FILE): ${(error as Error).message}`,
    );
  }
  return agencyRegistry(parsed, env, file);
}

/** Validates a parsed registry; see {@link readAgencyRegistry}. */
export function agencyRegistry(
  parsed: unknown,
  env: Record<string, string | undefined> = {},
  source = 'the agency registry',
): AgencyRegistry {
  const problems: string[] = [];
  const subgraph = (parsed as { subgraph?: unknown } | null)?.subgraph ?? 'programs';
  if (typeof subgraph !== 'string' || !/^[A-Za-z_][\w-]*$/.test(subgraph)) {
    problems.push(
      `"subgraph" must name the subgraph the instances serve (got ${JSON.stringify(subgraph)})`,
    );
  }
  const entries = (parsed as { agencies?: unknown } | null)?.agencies;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new AgencyRegistryError(
      `${source}: expected { "agencies": [ … ] } with at least one agency`,
    );
  }
  const agencies: RegisteredAgency[] = [];
  const seen = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const where = `agencies[${index}]`;
    const value = (entry ?? {}) as Record<string, unknown>;
    const code = value.code;
    if (typeof code !== 'string' || !AGENCY_CODE.test(code)) {
      problems.push(
        `${where}.code must be 2–10 upper-case letters or digits, starting with a letter (got ${JSON.stringify(code)})`,
      );
      return;
    }
    if (seen.has(code)) problems.push(`${where}: ${code} is registered twice`);
    seen.add(code);
    const name = value.name as { ar?: unknown; en?: unknown } | undefined;
    for (const language of ['ar', 'en'] as const) {
      if (typeof name?.[language] !== 'string' || !(name[language] as string).trim()) {
        problems.push(`${where} (${code}).name.${language} is required`);
      }
    }
    if (typeof value.sector !== 'string' || !value.sector.trim()) {
      problems.push(`${where} (${code}).sector is required`);
    }
    const override = env[agencyUrlVariable(code)];
    const url = override ?? value.url;
    if (typeof url !== 'string' || !isHttpUrl(url)) {
      problems.push(
        `${override ? agencyUrlVariable(code) : `${where} (${code}).url`} must be an http(s) URL (got ${JSON.stringify(url)})`,
      );
      return;
    }
    agencies.push({
      code,
      name: { ar: String(name?.ar ?? ''), en: String(name?.en ?? '') },
      sector: String(value.sector ?? ''),
      url,
    });
  });
  if (problems.length > 0) {
    throw new AgencyRegistryError(`${source} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  agencies.sort((a, b) => (a.code < b.code ? -1 : 1));
  const byUrl = new Map<string, string[]>();
  for (const agency of agencies)
    byUrl.set(agency.url, [...(byUrl.get(agency.url) ?? []), agency.code]);
  const instances: ProgramsInstance[] = [...byUrl].map(([url, codes]) => ({
    name: instanceName(codes),
    agencies: codes,
    url,
  }));
  const instanceByAgency = new Map(
    instances.flatMap((instance) => instance.agencies.map((code) => [code, instance] as const)),
  );
  const agencyByCode = new Map(agencies.map((agency) => [agency.code, agency]));
  return {
    subgraph: subgraph as string,
    agencies,
    instances,
    instanceOf: (code) => instanceByAgency.get(code),
    agency: (code) => agencyByCode.get(code),
  };
}

/** The name of the instance holding `codes`: sorted, joined by `+` (its caller-token audience). */
export function instanceName(codes: readonly string[]): string {
  return [...codes].sort().join('+');
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The caller-token audience of one instance: `sahem-subgraph:programs:SCD`, so that a token for
 * one agency's instance is refused by another's. With a single instance holding every agency
 * (the layout of one shared store) it is the subgraph's own, `sahem-subgraph:programs`, as for
 * any subgraph served by one service.
 */
export function instanceAudience(registry: AgencyRegistry, instance: ProgramsInstance): string {
  return registry.instances.length === 1
    ? callerAudience(registry.subgraph)
    : callerAudience(registry.subgraph, instance.name);
}

/**
 * The registry with every agency on one instance at `url`: what an operator means by pointing
 * the contract subgraph at one URL (`GATEWAY_SUBGRAPH_URLS=programs=…`), a single store.
 */
export function withOneInstance(registry: AgencyRegistry, url: string): AgencyRegistry {
  return agencyRegistry({
    subgraph: registry.subgraph,
    agencies: registry.agencies.map((agency) => ({ ...agency, url })),
  });
}
