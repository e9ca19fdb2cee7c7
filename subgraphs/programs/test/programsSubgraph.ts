import path from 'node:path';
import { agencyRegistry, readAgencyRegistry } from '@sahem/kit';
import { refuseHttpCallers, useTestSubgraph, type TestSubgraph } from '@sahem/kit/testing';
import { PrismaClient } from '../src/__generated__/prisma/client.ts';
import { programsInstance, type ProgramsInstanceConfig } from '../src/agencies/programsInstance.ts';
import { createServer, PROGRAMS_DIR } from '../src/server.ts';

const MIGRATIONS = path.join(PROGRAMS_DIR, 'prisma', 'migrations');

/** The instant every test server takes for "now". */
export const NOW = new Date('2026-06-15T10:00:00Z');
/** The day of {@link NOW}, as the `Date` scalar writes it. */
export const TODAY = '2026-06-15';

export type { OperationResult } from '@sahem/kit/testing';

/** The test file's programs subgraph: its own migrated database and a started server on it. */
export type ProgramsSubgraph = TestSubgraph<PrismaClient>;

/**
 * The agencies a test instance holds unless told otherwise: the shipped registry's and every
 * code the fixtures make up (`FIX`, `BEN`, `T1` … `T99`), so tests of the single-store
 * behaviour keep an agency of their own each.
 */
export const TEST_AGENCY_CODES: readonly string[] = [
  ...readAgencyRegistry(undefined, {}).agencies.map((agency) => agency.code),
  'BEN',
  'FIX',
  ...Array.from({ length: 99 }, (_, i) => `T${i + 1}`),
];

/** An instance holding `codes`, registered with made-up names where the registry has none. */
export function testInstance(codes: readonly string[] = TEST_AGENCY_CODES): ProgramsInstanceConfig {
  const shipped = readAgencyRegistry(undefined, {});
  const registry = agencyRegistry({
    agencies: [
      ...shipped.agencies,
      ...codes
        .filter((code) => !shipped.agency(code))
        .map((code) => ({
          code,
          name: { ar: `جهة ${code}`, en: `Agency ${code}` },
          sector: 'Tests',
          url: 'http://127.0.0.1:9/graphql',
        })),
    ],
  });
  return programsInstance(registry, codes);
}

/** Options of {@link useProgramsSubgraph}. */
export interface ProgramsSubgraphOptions {
  /** The agencies the instance holds. @default {@link TEST_AGENCY_CODES} */
  agencies?: readonly string[];
  /** @default the development sketch key */
  sketchKey?: string;
}

/**
 * Gives the calling test file an empty, migrated programs database and a server on it whose
 * clock reads {@link NOW}; both go away after the file's tests.
 */
export function useProgramsSubgraph(options: ProgramsSubgraphOptions = {}): ProgramsSubgraph {
  const instance = testInstance(options.agencies);
  return useTestSubgraph({
    name: 'programs',
    migrationsDir: MIGRATIONS,
    PrismaClient,
    createServer: (db) =>
      createServer({
        authenticate: refuseHttpCallers,
        db,
        production: false,
        now: () => new Date(NOW),
        instance,
        ...(options.sketchKey && { sketchKey: options.sketchKey }),
      }),
  });
}
