import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerTokenAuthenticator,
  freePort,
  loadOrCreateSigningKey,
  readAgencyRegistry,
  startSubgraph,
  type CallerAuthenticator,
  type RunningSubgraph,
  type SigningKey,
} from '@sahem/kit';
import { createTestDatabase, type TestDatabase } from '@sahem/kit/testing';
import { seedPrograms } from '../scripts/seed/seedPrograms.ts';
import { CHECKS, runConformance, type CheckResult } from '../scripts/conformance/runConformance.ts';
import type { PrismaClient } from '../subgraphs/programs/src/__generated__/prisma/client.ts';
import {
  acceptedAudiences,
  programsInstance,
} from '../subgraphs/programs/src/agencies/programsInstance.ts';
import { PROGRAMS_DIR, programsSubgraph } from '../subgraphs/programs/src/server.ts';

const root = path.resolve(import.meta.dirname, '..');
const registry = readAgencyRegistry(undefined, {});
const SCD = programsInstance(registry, ['SCD']);
let database: TestDatabase;
let key: SigningKey;
let keyFile: string;
let scratch: string;
const stops: (() => Promise<void>)[] = [];

/** Civil Defense's instance over the test database, verifying tokens with `authenticate`. */
async function startInstance(
  authenticate: CallerAuthenticator,
  options: { port?: number; instance?: ReturnType<typeof programsInstance>; seed?: boolean } = {},
): Promise<RunningSubgraph<PrismaClient>> {
  const running = await startSubgraph(
    programsSubgraph({
      authenticate,
      production: false,
      instance: options.instance ?? SCD,
      seed: (db) => seedPrograms(db, { scale: 0.05, agencies: ['SCD'] }),
    }),
    {
      port: options.port ?? 0,
      databaseUrl: database.url,
      embeddedPort: 0,
      seed: options.seed ?? false,
    },
  );
  stops.push(() => running.stop());
  return running;
}

const withKey = (instance = SCD) =>
  callerTokenAuthenticator(createLocalJWKSet({ keys: [key.publicJwk] }), {
    audience: acceptedAudiences(instance),
  });

/** Runs the CLI; resolves with its exit code and output once it exits. */
function conformanceCli(args: string[], onOutput: (output: string) => void = () => undefined) {
  const child = spawn('npm', ['run', '--silent', 'conformance', '--', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
    onOutput(output);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
}

const failedNames = (results: CheckResult[]) =>
  results.filter((result) => !result.ok).map((result) => result.name);

beforeAll(async () => {
  database = await createTestDatabase(path.join(PROGRAMS_DIR, 'prisma', 'migrations'));
  scratch = await mkdtemp(path.join(tmpdir(), 'sahem-conformance-'));
  // The gateway's caller-token key, in the file a gateway keeps it in.
  keyFile = path.join(scratch, 'gateway.jwk.json');
  key = await loadOrCreateSigningKey(keyFile, 'conformance-test-gateway');
  // Seeded once; the instances below share the database (as replicas would).
  await startInstance(withKey(), { seed: true });
}, 120_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await database?.drop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the conformance kit', () => {
  it('passes every check against our own instance', async () => {
    const instance = await startInstance(withKey());
    const results = await runConformance({
      url: instance.url,
      agencies: ['SCD'],
      key,
      foreign: 'SEC',
      period: '2026',
    });
    expect(results.map((result) => result.name)).toEqual(CHECKS.map((check) => check.name));
    expect(results.filter((result) => !result.ok)).toEqual([]);
  });

  it('makes its own key, serves it for the instance to start with, and exits 0 when all pass', async () => {
    const port = await freePort();
    let started = false;
    const run = conformanceCli(
      [
        '--url',
        `http://127.0.0.1:${port}/graphql`,
        '--agencies',
        'SCD',
        '--period',
        '2026',
        '--wait',
        '60',
      ],
      (output) => {
        const jwks = /SAHEM_GATEWAY_JWKS_URL=(\S+)/.exec(output)?.[1];
        if (!jwks || started) return;
        started = true;
        // The agency starts its instance against the kit's key set, as the kit says.
        void startInstance(
          callerTokenAuthenticator(createRemoteJWKSet(new URL(jwks)), {
            audience: acceptedAudiences(SCD),
          }),
          { port },
        );
      },
    );
    const { code, output } = await run;
    expect(output).toMatch(/^PASS {2}caller token: required/m);
    expect(output).toContain(`all ${CHECKS.length} checks passed`);
    expect(output).not.toMatch(/^FAIL/m);
    expect(code).toBe(0);
  }, 120_000);

  it('fails "contract" against an instance serving a drifted SDL, and exits 1', async () => {
    const instance = await startInstance(withKey());
    // An agency's own stack whose schema has drifted: its _service answer carries a type more.
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString();
      const upstream = await fetch(instance.url, {
        method: 'POST',
        headers: req.headers as Record<string, string>,
        body,
      });
      let text = await upstream.text();
      if (body.includes('_service')) {
        const answer = JSON.parse(text);
        if (answer.data?._service)
          answer.data._service.sdl += '\ntype Drifted {\n  since: String\n}\n';
        text = JSON.stringify(answer);
      }
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => proxy.close(() => resolve())));
    const address = proxy.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
    const { code, output } = await conformanceCli([
      '--url',
      url,
      '--agencies',
      'SCD',
      '--key',
      keyFile,
      '--period',
      '2026',
      '--wait',
      '10',
    ]);
    expect(output).toMatch(/^FAIL {2}contract: _service \{ sdl \} composes.*Drifted/m);
    expect(output).toMatch(/^PASS {2}foreign records: createProgram refused/m);
    expect(output).toContain(`1 of ${CHECKS.length} checks failed`);
    expect(code).toBe(1);
  }, 120_000);

  it("fails the refusals, naming each, against an instance that takes another agency's records", async () => {
    // Holds every agency while answering to Civil Defense's audience: nothing is refused.
    const everything = programsInstance(registry);
    const instance = await startInstance(
      callerTokenAuthenticator(createLocalJWKSet({ keys: [key.publicJwk] }), {
        audience: acceptedAudiences(SCD),
      }),
      { instance: everything },
    );
    const results = await runConformance({
      url: instance.url,
      agencies: ['SCD'],
      key,
      foreign: 'SEC',
      period: '2026',
    });
    expect(failedNames(results)).toEqual(
      expect.arrayContaining([
        'foreign records: createProgram refused',
        'merge shapes: lists name held agencies only',
        'merge shapes: coverage lists the held agencies, counts are exact',
      ]),
    );
    expect(
      results.find((r) => r.name === 'foreign records: createProgram refused')!.detail,
    ).toMatch(/accepted a record of SEC/);
    // What it does right still passes.
    expect(failedNames(results)).not.toContain('caller token: replayed → 401');
    expect(failedNames(results)).not.toContain('entities: Program by key, in batches');
  });
});
