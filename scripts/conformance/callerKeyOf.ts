import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { generateSigningKey, signingKeyFromJwk, type SigningKey } from '@sahem/kit';
import type { JWK } from 'jose';

/** The key the kit signs caller tokens with, and the JWKS it serves when it made the key itself. */
export interface ConformanceKey {
  key: SigningKey;
  /** The URL of the key set the instance must verify with (`SAHEM_GATEWAY_JWKS_URL`). */
  jwksUrl?: string;
  close(): Promise<void>;
}

/**
 * The gateway's private JWK from `file` (a key, or a key set whose first key signs, as
 * `GATEWAY_SIGNING_KEY_FILE` holds), or a fresh key served as a JWKS on 127.0.0.1 for the
 * instance under test to start against.
 */
export async function callerKeyOf(file: string | undefined, jwksPort = 0): Promise<ConformanceKey> {
  if (file) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as JWK | { keys: JWK[] };
    const jwk = 'keys' in parsed ? parsed.keys[0] : parsed;
    if (!jwk?.d) throw new Error(`${file} holds no private key (a JWK with "d")`);
    return { key: await signingKeyFromJwk(jwk), close: async () => undefined };
  }
  const key = await generateSigningKey(`sahem-conformance-${Date.now()}`);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [key.publicJwk] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(jwksPort, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : jwksPort;
  return {
    key,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
