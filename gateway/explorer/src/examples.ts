/// <reference types="vite/client" />
// (Also named here: the gateway's tests import this file under the gateway's tsconfig.)
import { operationDocuments } from '../../../client/src/operationDocuments.ts';

/** A saved operation the explorer opens as a tab. */
export interface ExampleOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

// The shipped operations of @sahem/client, read at build time: the explorer's examples are the
// very documents the typed client sends (with the fragments they spread), so they also run on a
// gateway in `enforce` mode.
const sources = import.meta.glob<string>('../../../client/src/operations/**/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Variables that make each README scenario (and the other read operations) run on the demo data. */
const VARIABLES: Record<string, Record<string, unknown>> = {
  AgencyScorecards: { period: '2026' },
  NationalScorecard: { period: '2026' },
  DeployableVolunteers: { regionCode: 'SA-01', skillCode: '2221', minWeeklyHours: 1 },
  ProgramImpact: { id: 'SCD-00001' },
  ProgramDetail: { id: 'SCD-00001' },
  SearchVolunteers: { filter: { regionCode: 'SA-01' }, first: 10 },
};

/** The scenarios first, in the README's order, then the rest by name. */
const ORDER = ['AgencyScorecards', 'DeployableVolunteers', 'ProgramImpact', 'NationalScorecard'];

/** Every saved operation, named after its operation. */
export const EXAMPLES: ExampleOperation[] = operationDocuments(
  Object.entries(sources).map(([file, source]) => ({ file, source })),
)
  .map(({ source: query }) => {
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'Operation';
    return { name, query, ...(VARIABLES[name] && { variables: VARIABLES[name] }) };
  })
  .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));

function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}
