import type { GatewayEnv } from '../env.ts';
import { MemoryRateLimitStore } from './MemoryRateLimitStore.ts';
import { PostgresRateLimitStore } from './PostgresRateLimitStore.ts';
import type { RateLimitStore } from './RateLimitStore.ts';

/** Values of `GATEWAY_RATE_LIMIT_STORE`. */
export const RATE_LIMIT_STORES = ['memory', 'postgres'] as const;

/** A rate-limit store and how to release it once the gateway has stopped. */
export interface OpenedRateLimitStore {
  store: RateLimitStore;
  close(): Promise<void>;
}

/**
 * The store `GATEWAY_RATE_LIMIT_STORE` names: this process's memory, or the gateway's
 * PostgreSQL (`databaseUrl`), which every replica shares.
 */
export function rateLimitStoreFromEnv(
  env: Pick<GatewayEnv, 'GATEWAY_RATE_LIMIT_STORE'>,
  databaseUrl: string | undefined,
): OpenedRateLimitStore {
  if (env.GATEWAY_RATE_LIMIT_STORE === 'memory') {
    return { store: new MemoryRateLimitStore(), close: async () => undefined };
  }
  if (!databaseUrl) throw new Error('GATEWAY_RATE_LIMIT_STORE=postgres needs the gateway database');
  const store = new PostgresRateLimitStore({ databaseUrl });
  return { store, close: () => store.close() };
}
