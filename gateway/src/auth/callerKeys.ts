import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';
import { loadOrCreateSigningKey, signingKeyFromJwk, type SigningKey } from '@sahem/kit';

/**
 * The gateway's caller-token keys: one signs, every one is published at
 * `/.well-known/jwks.json` for the subgraphs. The set can change while the gateway runs.
 */
export interface CallerKeys {
  /** The key that signs caller tokens now. */
  signing(): SigningKey;
  /** Every published public key, the signing one first; a new array whenever the set changes. */
  publicJwks(): readonly JWK[];
  /** Stops watching the key file, if any. */
  close(): void;
}

/** Keys fixed for the life of the process (tests, one-off processes). */
export function fixedCallerKeys(signing: SigningKey, ...published: SigningKey[]): CallerKeys {
  const jwks = [signing.publicJwk, ...published.map((key) => key.publicJwk)];
  return { signing: () => signing, publicJwks: () => jwks, close: () => undefined };
}

/**
 * Reads the caller-token keys from `file` and follows it as it changes, so keys rotate without
 * a restart or a dropped request. The file holds one private JWK (created on first use), or a
 * key set `{ "keys": [ … ] }` whose first key signs and whose others are only published:
 *
 * 1. add the new key after the current one (published, not yet signing) on every replica, and
 *    wait for the subgraphs to fetch the key set again (`SAHEM_GATEWAY_JWKS_*` settings);
 * 2. move it first: it signs from now on, and the old key is still published;
 * 3. once the last token of the old key has expired (seconds), remove the old key.
 *
 * A file that does not load is reported and the keys in service stay.
 */
export async function loadCallerKeys(
  file: string,
  log: (line: string) => void = console.log,
): Promise<CallerKeys> {
  let current = await readKeySet(file).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    const created = await loadOrCreateSigningKey(file, 'sahem-gateway-1');
    return { signing: created, jwks: [created.publicJwk] };
  });
  let timer: NodeJS.Timeout | undefined;
  const reload = async () => {
    try {
      const next = await readKeySet(file);
      current = next;
      log(
        `gateway: caller-token keys reloaded: signing with ${next.signing.kid}, publishing ${next.jwks.map((jwk) => jwk.kid).join(', ')}`,
      );
    } catch (error) {
      log(
        `gateway: kept the caller-token keys in service; ${file} did not load: ${(error as Error).message}`,
      );
    }
  };
  // Watch the folder: a secret mounted by Kubernetes, or a file replaced by an editor, changes inode.
  const watcher = watch(path.dirname(file), (_, name) => {
    if (name !== null && name !== path.basename(file) && !name.startsWith('..')) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), 100);
  });
  watcher.unref();
  return {
    signing: () => current.signing,
    publicJwks: () => current.jwks,
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

async function readKeySet(file: string): Promise<{ signing: SigningKey; jwks: JWK[] }> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as JWK | { keys?: JWK[] };
  const listed = 'keys' in parsed && Array.isArray(parsed.keys) ? parsed.keys : [parsed as JWK];
  const [first, ...others] = listed;
  if (!first?.d) throw new Error('the first key must be a private key: it signs');
  const signing = await signingKeyFromJwk(first);
  const published = await Promise.all(
    others.map(async (jwk) => (jwk.d ? (await signingKeyFromJwk(jwk)).publicJwk : publicOnly(jwk))),
  );
  const kids = new Set<string>();
  for (const jwk of [signing.publicJwk, ...published]) {
    if (!jwk.kid || kids.has(jwk.kid))
      throw new Error(`every key needs a kid of its own (${jwk.kid})`);
    kids.add(jwk.kid);
  }
  return { signing, jwks: [signing.publicJwk, ...published] };
}

function publicOnly(jwk: JWK): JWK {
  if (!jwk.kid || (jwk.alg !== 'ES256' && jwk.alg !== 'RS256')) {
    throw new Error('a published key needs a kid and alg ES256 or RS256');
  }
  return jwk;
}
