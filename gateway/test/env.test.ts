import { describe, expect, it } from 'vitest';
import { EnvError } from '@sahem/kit';
import { gatewayEnv } from '../src/env.ts';

describe('gateway configuration', () => {
  it('has working defaults', () => {
    const env = gatewayEnv({});
    expect(env.GATEWAY_PORT).toBe(4000);
    expect(env.GATEWAY_HOST).toBe('127.0.0.1');
    // No subgraph URL is overridden: the supergraph's URLs are used, whatever the names.
    expect(env.subgraphUrls).toEqual({});
    expect(env.GATEWAY_SUPERGRAPH_PATH).toMatch(/schema\/supergraph\.graphql$/);
    expect(env.GATEWAY_AUDIT).toBe('on');
    expect(env.GATEWAY_RATE_LIMIT_STORE).toBe('memory');
    expect(env.SAHEM_SMALL_CELL_THRESHOLD).toBe(5);
  });

  it.each([
    ['10', 10],
    ['0', EnvError],
    ['five', EnvError],
  ])('reads SAHEM_SMALL_CELL_THRESHOLD=%s', (raw, expected) => {
    const read = () => gatewayEnv({ SAHEM_SMALL_CELL_THRESHOLD: raw }).SAHEM_SMALL_CELL_THRESHOLD;
    if (expected === EnvError) expect(read).toThrow(EnvError);
    else expect(read()).toBe(expected);
  });

  it('ignores <NAME>_URL variables: only GATEWAY_SUBGRAPH_URLS overrides the supergraph', () => {
    const env = gatewayEnv({ PROGRAMS_URL: 'https://programs.scd.gov.sa/graphql' });
    expect(env.subgraphUrls).toEqual({});
  });

  it.each([
    [
      'programs=https://programs.scd.gov.sa/graphql',
      { programs: 'https://programs.scd.gov.sa/graphql' },
    ],
    [
      ' volunteers = http://volunteers:4001/graphql , programs-scd=https://scd.gov.sa/graphql ',
      {
        volunteers: 'http://volunteers:4001/graphql',
        'programs-scd': 'https://scd.gov.sa/graphql',
      },
    ],
    [
      'anything_at_all=http://10.0.0.7:8080/graphql,',
      { anything_at_all: 'http://10.0.0.7:8080/graphql' },
    ],
  ])('reads GATEWAY_SUBGRAPH_URLS=%s', (raw, expected) => {
    expect(gatewayEnv({ GATEWAY_SUBGRAPH_URLS: raw }).subgraphUrls).toEqual(expected);
  });

  it('puts generated keys in SAHEM_DATA_DIR unless their files are given', () => {
    const env = gatewayEnv({ SAHEM_DATA_DIR: '/var/lib/sahem' });
    expect(env.GATEWAY_SIGNING_KEY_FILE).toBe('/var/lib/sahem/keys/gateway.jwk.json');
    expect(env.GATEWAY_DEV_ISSUER_KEY_FILE).toBe('/var/lib/sahem/keys/dev-issuer.jwk.json');
    expect(
      gatewayEnv({ SAHEM_DATA_DIR: '/var/lib/sahem', GATEWAY_SIGNING_KEY_FILE: '/keys/gw.json' })
        .GATEWAY_SIGNING_KEY_FILE,
    ).toBe('/keys/gw.json');
  });

  it.each([
    [{ GATEWAY_PORT: '99999' }, 'GATEWAY_PORT'],
    [{ GATEWAY_SUBGRAPH_URLS: 'programs' }, 'GATEWAY_SUBGRAPH_URLS'],
    [{ GATEWAY_SUBGRAPH_URLS: 'programs=not a url' }, 'programs: expected an absolute URL'],
    [{ GATEWAY_SUBGRAPH_URLS: 'programs=ftp://x/graphql' }, 'GATEWAY_SUBGRAPH_URLS'],
    [{ GATEWAY_SUBGRAPH_URLS: 'a=http://x/graphql,a=http://y/graphql' }, 'a is given twice'],
    [{ GATEWAY_AUDIT: 'maybe' }, 'GATEWAY_AUDIT'],
    [{ GATEWAY_RATE_LIMIT_STORE: 'redis' }, 'GATEWAY_RATE_LIMIT_STORE'],
    [{ SAHEM_PRODUCTION: 'yes' }, 'SAHEM_PRODUCTION'],
    [{ GATEWAY_SUBGRAPH_TIMEOUT_MS: '-5' }, 'GATEWAY_SUBGRAPH_TIMEOUT_MS'],
  ])('refuses %o naming %s', (source, variable) => {
    expect(() => gatewayEnv(source)).toThrow(EnvError);
    expect(() => gatewayEnv(source)).toThrow(variable);
  });
});
