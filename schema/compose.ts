import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from './composeSupergraph.ts';

// `npm run compose` writes schema/supergraph.graphql and schema/api.graphql;
// `npm run compose:check` fails when the committed files differ from a fresh composition.
const check = process.argv.includes('--check');
const files: Record<string, URL> = {
  supergraph: new URL('supergraph.graphql', import.meta.url),
  api: new URL('api.graphql', import.meta.url),
};

const composition = composeSupergraph();
if (!composition.ok) {
  console.error('Composition failed:');
  for (const error of composition.errors) console.error(`  - ${error.message}`);
  process.exit(1);
}
for (const hint of composition.hints) console.log(`hint [${hint.definition.code}] ${hint.message}`);

const outputs: Record<string, string> = {
  supergraph: composition.supergraphSdl.trimEnd() + '\n',
  api: composition.apiSchemaSdl.trimEnd() + '\n',
};
// The contract of each subgraph many instances serve: what the gateway checks instances against.
for (const [name, contract] of Object.entries(composition.contracts)) {
  files[`contracts/${name}`] = new URL(`contracts/${name}.graphql`, import.meta.url);
  outputs[`contracts/${name}`] = contract.trimEnd() + '\n';
}
mkdirSync(new URL('contracts/', import.meta.url), { recursive: true });
let stale = false;
for (const key of Object.keys(outputs)) {
  const current = (() => {
    try {
      return readFileSync(files[key]!, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current === outputs[key]) continue;
  if (check) {
    console.error(`schema/${key}.graphql is stale: run npm run compose and commit the result.`);
    stale = true;
  } else {
    writeFileSync(files[key]!, outputs[key]!);
    console.log(`wrote schema/${key}.graphql`);
  }
}
if (stale) process.exit(1);
if (!check) console.log('composition ok');
