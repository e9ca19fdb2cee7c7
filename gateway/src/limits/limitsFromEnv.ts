import type { GatewayEnv } from '../env.ts';
import type { GatewayLimits } from './GatewayLimits.ts';

/** The limits set by the `GATEWAY_MAX_*` and `GATEWAY_RATE_LIMIT_*` variables. */
export function limitsFromEnv(env: GatewayEnv): GatewayLimits {
  return {
    maxDepth: env.GATEWAY_MAX_DEPTH,
    maxAliases: env.GATEWAY_MAX_ALIASES,
    maxRootFields: env.GATEWAY_MAX_ROOT_FIELDS,
    maxTokens: env.GATEWAY_MAX_TOKENS,
    maxDirectives: env.GATEWAY_MAX_DIRECTIVES,
    maxFields: env.GATEWAY_MAX_FIELDS,
    maxCost: env.GATEWAY_MAX_COST,
    defaultListSize: env.GATEWAY_COST_DEFAULT_LIST_SIZE,
    rateLimitPerMinute: env.GATEWAY_RATE_LIMIT_PER_MINUTE,
    anonymousRateLimitPerMinute: env.GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE,
  };
}
