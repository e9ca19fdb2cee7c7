import { describe, expect, it } from 'vitest';
import { EnvError } from '@sahem/kit';
import { gatewayEnv } from '../src/env.ts';

describe('gateway configuration', () => {
  it('has working defaults', () => {
    const env = gatewayEnv({});
    expect(env.GATEWAY_PORT).toBe(4000);
    expect(env.subgraphUrls).toEqual({
      volunteers: 'http://127.0.0.1:4001/graphql',
      programs: 'http://127.0.0.1:4002/graphql',
      indicators: 'http://127.0.0.1:4003/graphql',
    });
    expect(env.GATEWAY_SUPERGRAPH_PATH).toMatch(/schema\/supergraph\.graphql$/);
  });

  it('takes each subgraph URL from <NAME>_URL', () => {
    const env = gatewayEnv({
      PROGRAMS_URL: 'https://programs.scd.gov.sa/graphql',
      GATEWAY_PORT: '8080',
    });
    expect(env.subgraphUrls.programs).toBe('https://programs.scd.gov.sa/graphql');
    expect(env.GATEWAY_PORT).toBe(8080);
  });

  it.each([
    [{ GATEWAY_PORT: '99999' }, 'GATEWAY_PORT'],
    [{ VOLUNTEERS_URL: 'not a url' }, 'VOLUNTEERS_URL'],
    [{ PROGRAMS_URL: 'ftp://x/graphql' }, 'PROGRAMS_URL'],
    [{ SAHEM_PRODUCTION: 'yes' }, 'SAHEM_PRODUCTION'],
    [{ GATEWAY_SUBGRAPH_TIMEOUT_MS: '-5' }, 'GATEWAY_SUBGRAPH_TIMEOUT_MS'],
  ])('refuses %o naming %s', (source, variable) => {
    expect(() => gatewayEnv(source)).toThrow(EnvError);
    expect(() => gatewayEnv(source)).toThrow(variable);
  });
});
