import { fileURLToPath } from 'node:url';

/** A browser app the gateway serves as static files after a Vite build. */
export interface WebApp {
  name: 'explorer' | 'dashboard';
  /** Folder of its `vite.config.ts` and `index.html`. */
  root: string;
  /** Build output (git-ignored), served under `/<name>/`. */
  outDir: string;
  /** Files and folders whose content the build depends on, besides `root`. */
  inputs: string[];
}

const repo = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

/** The offline GraphiQL explorer and the analysts' KPI dashboard. */
export const WEB_APPS: readonly WebApp[] = [
  {
    name: 'explorer',
    root: repo('gateway/explorer'),
    outDir: repo('gateway/explorer/dist'),
    inputs: [
      repo('client/src/operations'),
      // Appends to each saved operation the fragments it spreads.
      repo('client/src/operationDocuments.ts'),
      repo('schema/api.graphql'),
      repo('package-lock.json'),
    ],
  },
  {
    name: 'dashboard',
    root: repo('dashboard'),
    outDir: repo('dashboard/dist'),
    inputs: [repo('client/src'), repo('package-lock.json')],
  },
];
