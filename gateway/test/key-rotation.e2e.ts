import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCallerKeys, type CallerKeys } from '../src/auth/callerKeys.ts';
import { loadFixture } from './support/fixture.ts';
import { startGraph, type Graph } from './support/startGraph.ts';

let graph: Graph;
let keys: CallerKeys;
let folder: string;
let file: string;

/** A fresh private ES256 JWK. */
async function privateJwk(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
}

/** Replaces the key file at once (write aside, rename), as a secret update does. */
async function publish(keySet: JWK[]): Promise<void> {
  const next = `${file}.next`;
  await writeFile(next, JSON.stringify({ keys: keySet }));
  await rename(next, file);
}

const published = async () =>
  (
    (await (await fetch(new URL('/.well-known/jwks.json', graph.gateway.url))).json()) as {
      keys: JWK[];
    }
  ).keys.map((jwk) => jwk.kid);

let oldKey: JWK;
let newKey: JWK;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'sahem-keys-'));
  file = path.join(folder, 'gateway.jwks.json');
  [oldKey, newKey] = await Promise.all([
    privateJwk('gateway-2026-01'),
    privateJwk('gateway-2026-07'),
  ]);
  await publish([oldKey]);
  keys = await loadCallerKeys(file, () => undefined);
  graph = await startGraph({ audit: false, callerKeys: { keys, cooldownMs: 100 } });
  await loadFixture(graph);
});
afterAll(async () => {
  keys?.close();
  await graph?.stop();
  await rm(folder, { recursive: true, force: true });
});

// Touches all three subgraphs, so every one of them verifies a token of the key in service.
const QUERY =
  '{ volunteer(id: "V-0000001") { fullName participations { id } economicValue { sar } } }';

describe('rotating the caller-token key', () => {
  it('introduces a new key and retires the old one without a restart or a failed request', async () => {
    const failures: unknown[] = [];
    let answered = 0;
    let running = true;
    // Steady traffic through the whole rotation: every answer must be complete.
    const traffic = (async () => {
      while (running) {
        const result = await graph.query(QUERY);
        answered += 1;
        if (result.errors || !result.data?.volunteer?.fullName) failures.push(result);
      }
    })();
    const settle = (kids: (string | undefined)[]) =>
      expect.poll(published, { timeout: 5_000 }).toEqual(kids);
    // Each phase lasts until a few requests have crossed it, however loaded the machine is.
    const served = async (count: number) => {
      const target = answered + count;
      await expect
        .poll(() => answered, { timeout: 30_000, interval: 20 })
        .toBeGreaterThanOrEqual(target);
    };
    await served(3);

    // 1. Published beside the old one, not yet signing.
    await publish([oldKey, newKey]);
    await settle(['gateway-2026-01', 'gateway-2026-07']);
    expect(keys.signing().kid).toBe('gateway-2026-01');
    await served(3);
    // 2. Signing with the new key; the old one still published for tokens in flight.
    await publish([newKey, oldKey]);
    await settle(['gateway-2026-07', 'gateway-2026-01']);
    expect(keys.signing().kid).toBe('gateway-2026-07');
    await served(3);
    // 3. The old key retired.
    await publish([newKey]);
    await settle(['gateway-2026-07']);
    await served(3);

    running = false;
    await traffic;
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(12);
  });

  it('keeps the keys in service when the file is broken', async () => {
    const before = await published();
    await writeFile(file, '{ not json');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await published()).toEqual(before);
    expect((await graph.query(QUERY)).errors).toBeUndefined();
  });
});
