import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** A private key with what a verifier needs to pick the matching public key. */
export interface SigningKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  privateKey: CryptoKey | Uint8Array;
  /** The public half as a JWK, as published in a JWKS. */
  publicJwk: JWK;
}

/**
 * Loads a signing key from a JWK file, creating it (ES256) on first use. Used for the
 * development identity provider and for the gateway's caller-token key; the file is written
 * with mode 0600 and lives under the git-ignored data folder unless configured elsewhere.
 */
export async function loadOrCreateSigningKey(file: string, kid: string): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(jwk, null, 2), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return signingKeyFromJwk(jwk);
}

/** A signing key from a private JWK (with `kid` and `alg`). */
export async function signingKeyFromJwk(jwk: JWK): Promise<SigningKey> {
  const alg = jwk.alg === 'ES256' ? 'ES256' : jwk.alg === 'RS256' ? 'RS256' : undefined;
  if (!jwk.kid || !alg) {
    throw new Error('A signing key needs a kid and alg ES256 or RS256.');
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    alg,
    privateKey: (await importJWK(jwk, alg)) as CryptoKey,
    publicJwk,
  };
}

/** A fresh in-memory ES256 key (tests, one-off processes). */
export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return signingKeyFromJwk({ ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' });
}
