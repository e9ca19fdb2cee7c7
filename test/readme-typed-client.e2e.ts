import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/src/startGateway.ts';
import { fixture, loadFixture } from '../gateway/test/support/fixture.ts';
import { startGraph, type Graph } from '../gateway/test/support/startGraph.ts';

// The README's "A typed client in your own repository", followed literally in an empty folder:
// every sh block is run and every `file:` block written, in the README's order, with the npm
// registry for the packages it installs. It must end with a typed call that the gateway answers,
// and the manifest it generates must be what a gateway in enforce mode accepts.
const root = path.resolve(import.meta.dirname, '..');
const SECTION = '### A typed client in your own repository';

/** The section's code blocks, in order: shell scripts to run and files to write. */
function readmeSteps(): ({ run: string } | { file: string; content: string })[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  const section = readme.slice(start, readme.indexOf('\n### ', start + SECTION.length));
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, body]) => {
    if (language === 'sh') return { run: body! };
    const named = /^(?:\/\/|#) file: (\S+)\n/.exec(body!);
    if (!named) throw new Error(`a ${language} block of the README section names no file`);
    return { file: named[1]!, content: body!.slice(named[0].length) };
  });
}

function sh(script: string, cwd: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // Bounded: a registry that hangs fails the test instead of holding CI.
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`exit ${code} from:\n${script}\n${output}`));
    });
  });
}

let graph: Graph;
let enforce: RunningGateway | undefined;
const scratch = mkdtempSync(path.join(tmpdir(), 'sahem-readme-client-'));

beforeAll(async () => {
  graph = await startGraph({ audit: false });
  await loadFixture(graph);
});
afterAll(async () => {
  await enforce?.stop();
  await graph?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

it('ends with a working typed call, and its manifest is what an enforce-mode gateway runs', async () => {
  const steps = readmeSteps();
  expect(steps.some((step) => 'file' in step && step.file === 'codegen.ts')).toBe(true);
  const env = { SAHEM_REPO: root, SAHEM_URL: graph.gateway.url };
  let output = '';
  for (const step of steps) {
    if ('run' in step) {
      output = await sh(step.run, scratch, env);
    } else {
      mkdirSync(path.dirname(path.join(scratch, step.file)), { recursive: true });
      writeFileSync(path.join(scratch, step.file), step.content);
    }
  }
  // The last block ran the typed call: one line per agency.
  for (const agency of fixture.agencies)
    expect(output).toContain(`${agency.code} ${agency.nameEn}`);

  // The generated manifest, handed to the gateway operators, lets the same call through enforce.
  enforce = await startGateway(
    {
      ...graph.gatewayDeps,
      persistedDocuments: {
        mode: 'enforce',
        manifestPath: path.join(scratch, 'src/__generated__/persisted-documents.json'),
      },
    },
    { port: 0 },
  );
  const again = await sh('npx tsx src/main.ts', scratch, { ...env, SAHEM_URL: enforce.url });
  expect(again).toContain('SCD Civil Defense');
}, 300_000);
