import { EnvError } from '@sahem/kit';
import { describe, expect, it } from 'vitest';
import { gatewayEnv } from '../src/env.ts';
import { DEFAULT_LIMITS } from '../src/limits/GatewayLimits.ts';
import { limitsFromEnv } from '../src/limits/limitsFromEnv.ts';

describe('limits configuration', () => {
  it('defaults to DEFAULT_LIMITS', () => {
    expect(limitsFromEnv(gatewayEnv({}))).toEqual(DEFAULT_LIMITS);
  });

  it('reads each GATEWAY_MAX_* and GATEWAY_RATE_LIMIT_* variable', () => {
    const limits = limitsFromEnv(
      gatewayEnv({
        GATEWAY_MAX_DEPTH: '8',
        GATEWAY_MAX_COST: '2500',
        GATEWAY_COST_DEFAULT_LIST_SIZE: '25',
        GATEWAY_RATE_LIMIT_ANONYMOUS_PER_MINUTE: '20',
      }),
    );
    expect(limits).toMatchObject({
      maxDepth: 8,
      maxCost: 2500,
      defaultListSize: 25,
      anonymousRateLimitPerMinute: 20,
      rateLimitPerMinute: DEFAULT_LIMITS.rateLimitPerMinute,
    });
  });

  it.each([
    ['GATEWAY_MAX_DEPTH', '0'],
    ['GATEWAY_MAX_TOKENS', 'lots'],
    ['GATEWAY_RATE_LIMIT_PER_MINUTE', '-60'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => gatewayEnv({ [name]: value })).toThrow(EnvError);
    expect(() => gatewayEnv({ [name]: value })).toThrow(name);
  });
});
