import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { operationDocuments } from '../client/src/operationDocuments.ts';
import { operationSource } from '../client/src/operationSource.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the shipped client operations are: the acceptance scenarios among them. */
export const CLIENT_OPERATIONS_DIR = path.join(ROOT, 'client', 'src', 'operations');
/** Operations only the bench sends (none of the client's touches a single subgraph). */
export const BENCH_OPERATIONS_DIR = path.join(ROOT, 'bench', 'operations');

/** One named operation as every gateway receives it. */
export interface BenchOperation {
  name: string;
  /** Where it is written, relative to the repository. */
  file: string;
  /**
   * The text sent: the trusted-documents normal form the client preset writes to the manifest
   * (one line, fields sorted), the same bytes for every gateway.
   */
  text: string;
  /** sha256 of `text`: its id in the trusted-documents manifest. */
  sha256: string;
}

async function graphqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Reads the client's operations (`client/src/operations/**\/*.graphql`) and the bench's own
 * (`bench/operations/*.graphql`), one named operation per file with the fragments it spreads
 * (files of fragments only are no operation), by operation name. The bench
 * never keeps copies of them: an operation that changes is measured as it ships.
 */
export async function loadOperations(
  dirs: readonly string[] = [CLIENT_OPERATIONS_DIR, BENCH_OPERATIONS_DIR],
): Promise<Map<string, BenchOperation>> {
  const operations = new Map<string, BenchOperation>();
  for (const dir of dirs) {
    const files = await Promise.all(
      (await graphqlFiles(dir)).map(async (file) => ({
        file,
        source: await readFile(file, 'utf8'),
      })),
    );
    // With the fragments each spreads, as the client preset inlines them into the manifest.
    for (const { file, source: text } of operationDocuments(files)) {
      const source = await operationSource(parse(text));
      if (operations.has(source.operationName)) {
        throw new Error(`${source.operationName} is defined twice (again in ${file})`);
      }
      operations.set(source.operationName, {
        name: source.operationName,
        file: path.relative(ROOT, file),
        text: source.text,
        sha256: source.sha256Hash,
      });
    }
  }
  return operations;
}

/** The workloads by id, as `--only` names them. */
export const WORKLOAD_IDS = ['1', '2', '3', '4', 'lookup'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

/** One workload: an operation, sent with varied variables. */
export interface Workload {
  id: WorkloadId;
  /** The row title: `1 AgencyScorecards`. */
  title: string;
  /** The operation's name (its file is found by {@link loadOperations}). */
  operation: string;
  /** The subgraph that can answer it alone, called directly as one more "gateway". */
  direct?: 'volunteers';
}

/**
 * The acceptance scenarios of the README (1–4), as the client ships them, and a lookup that one
 * subgraph answers alone (`bench/operations/VolunteerLookup.graphql`).
 */
export const WORKLOADS: readonly Workload[] = [
  { id: '1', title: '1 AgencyScorecards', operation: 'AgencyScorecards' },
  { id: '2', title: '2 DeployableVolunteers', operation: 'DeployableVolunteers' },
  { id: '3', title: '3 ProgramImpact', operation: 'ProgramImpact' },
  { id: '4', title: '4 NationalScorecard', operation: 'NationalScorecard' },
  {
    id: 'lookup',
    title: 'lookup VolunteerLookup',
    operation: 'VolunteerLookup',
    direct: 'volunteers',
  },
];

/**
 * The trusted-documents manifest Sahem's gateway runs with in the bench: the client's, as
 * shipped, plus the bench's own operations (manifests merge, as the README says), so the
 * gateway can enforce trusted documents as in production.
 */
export function benchManifest(
  shipped: Record<string, string>,
  operations: Iterable<BenchOperation>,
): Record<string, string> {
  const manifest = { ...shipped };
  for (const operation of operations) {
    if (operation.file.startsWith('bench/')) manifest[operation.sha256] = operation.text;
    else if (shipped[operation.sha256] !== operation.text) {
      throw new Error(
        `${operation.file} is not in the client's trusted-documents manifest as it is written: run npm run codegen`,
      );
    }
  }
  return manifest;
}
