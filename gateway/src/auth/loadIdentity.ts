import { createLocalJWKSet } from 'jose';
import { loadOrCreateSigningKey, type SigningKey } from '@sahem/kit';
import type { GatewayEnv } from '../env.ts';
import { loadCallerKeys, type CallerKeys } from './callerKeys.ts';
import { bearerVerifier, type BearerVerifier } from './verifyBearer.ts';

/** The keys and verifier the gateway runs with. */
export interface GatewayIdentity {
  verifyBearer: BearerVerifier;
  callerKeys: CallerKeys;
  /** Set in development only: the local identity provider's key, for demo tokens. */
  devIssuerKey: SigningKey | null;
}

/**
 * Production verifies bearer tokens against the identity provider's JWKS; development runs a
 * local identity provider whose key is created once under `.data/keys/`. Either way the
 * gateway signs caller tokens for the subgraphs with its own key.
 */
export async function loadIdentity(
  env: GatewayEnv,
  log: (line: string) => void = console.log,
): Promise<GatewayIdentity> {
  const callerKeys = await loadCallerKeys(env.GATEWAY_SIGNING_KEY_FILE, log);
  const options = { issuer: env.GATEWAY_JWT_ISSUER, audience: env.GATEWAY_JWT_AUDIENCE };
  if (env.GATEWAY_JWKS_URL) {
    return {
      verifyBearer: bearerVerifier({ ...options, keys: new URL(env.GATEWAY_JWKS_URL) }),
      callerKeys,
      devIssuerKey: null,
    };
  }
  const devIssuerKey = await loadOrCreateSigningKey(
    env.GATEWAY_DEV_ISSUER_KEY_FILE,
    'sahem-dev-issuer-1',
  );
  return {
    verifyBearer: bearerVerifier({
      ...options,
      keys: createLocalJWKSet({ keys: [devIssuerKey.publicJwk] }),
    }),
    callerKeys,
    devIssuerKey,
  };
}
