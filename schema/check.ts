import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { checkSchema, type SchemaChange } from './checkSchema.ts';
import { readAcknowledgements } from './readAcknowledgements.ts';
import { readClientDocuments } from './readClientDocuments.ts';

// `npm run schema:check [-- --base <git-ref>]`: compares a fresh composition of the subgraphs
// with the published contract — the committed schema/api.graphql, or its version at <git-ref>
// (`--base HEAD` after `npm run compose`, `--base origin/main` in a pull-request pipeline) —
// and checks every client document against it. Exits 1 on an unacknowledged breaking change,
// a broken client document or a failed composition.
const ACKNOWLEDGEMENTS = new URL('acknowledged-changes.json', import.meta.url);
const baseIndex = process.argv.indexOf('--base');
const base = baseIndex > 0 ? process.argv[baseIndex + 1] : undefined;
if (baseIndex > 0 && !base) {
  console.error('--base needs a git revision, e.g. --base HEAD or --base origin/main');
  process.exit(2);
}

const previousApiSdl = base
  ? execFileSync('git', ['show', `${base}:schema/api.graphql`], { encoding: 'utf8' })
  : readFileSync(new URL('api.graphql', import.meta.url), 'utf8');
const documents = readClientDocuments();
const result = await checkSchema({
  previousApiSdl,
  acknowledgements: readAcknowledgements(ACKNOWLEDGEMENTS),
  documents,
});

console.log(`schema check against ${base ? `${base}:` : ''}schema/api.graphql`);
if (result.compositionErrors.length > 0) {
  console.error('Composition failed:');
  for (const message of result.compositionErrors) console.error(`  - ${message}`);
  process.exit(1);
}

const line = (mark: string, change: SchemaChange) =>
  `  ${mark} ${change.path ? `${change.path}: ` : ''}${change.message}`;
console.log(`breaking changes: ${result.breaking.length}`);
for (const change of result.breaking) {
  const ack = change.acknowledgement;
  console.log(line(ack ? '✓' : '✗', change));
  if (ack) console.log(`      acknowledged by ${ack.approvedBy}: ${ack.reason}`);
}
console.log(`new non-null fields across a subgraph boundary: ${result.boundary.length}`);
for (const change of result.boundary) {
  const ack = change.acknowledgement;
  console.log(line(ack ? '✓' : '✗', change));
  if (ack) console.log(`      acknowledged by ${ack.approvedBy}: ${ack.reason}`);
}
console.log(`dangerous changes: ${result.dangerous.length}`);
for (const change of result.dangerous) {
  console.log(line('!', change));
  if (change.reason) console.log(`      ${change.reason}`);
}
console.log(`safe changes: ${result.safe.length}`);
for (const change of result.safe) console.log(line('+', change));
for (const ack of result.unusedAcknowledgements) {
  console.log(`note: acknowledgement of ${ack.path} matches no change here (already published?)`);
}

console.log(
  `client documents: ${documents.length} checked, ${result.brokenDocuments.length} broken`,
);
for (const { file, errors } of result.brokenDocuments) {
  for (const error of errors) console.error(`  ✗ ${file}: ${error}`);
}

if (result.unacknowledged.length > 0) {
  console.error(
    '\nUnacknowledged breaking changes. Migrate the clients first, or record the decision in ' +
      'schema/acknowledged-changes.json:',
  );
  const entries = result.unacknowledged.map(({ path, message }) => ({
    path,
    message,
    reason: 'why breaking the contract is acceptable',
    approvedBy: 'who approved it',
  }));
  console.error(JSON.stringify(entries, null, 2));
}
if (!result.ok) process.exit(1);
console.log('schema check ok');
