import { fileURLToPath } from 'node:url';
import { readAgencyRegistry } from '@sahem/kit';
import { programsInstance, type ProgramsInstanceConfig } from './agencies/programsInstance.ts';

/**
 * The agency registry the repository ships (`schema/agencies.json`), found from this file's
 * folder, which is at the depth of the bundle (`dist/index.js`): both find it.
 */
export const SHIPPED_AGENCIES_FILE = fileURLToPath(
  new URL('../../../schema/agencies.json', import.meta.url),
);

let shipped: ProgramsInstanceConfig | undefined;

/** Every agency of the shipped registry on one instance: today's single-store layout. */
export function singleStoreInstance(): ProgramsInstanceConfig {
  return (shipped ??= programsInstance(readAgencyRegistry(SHIPPED_AGENCIES_FILE, {})));
}
